using System;

namespace Lvbs.Kernel.Crypto.Curve25519;

/// <summary>
/// X25519 Diffie–Hellman (RFC 7748 §5–6.1).
/// </summary>
/// <remarks>
/// Constant-time: the Montgomery ladder runs all 255 steps with the same field operations,
/// exchanging operands by masked conditional swaps keyed on the scalar bits; the final
/// inversion is a fixed addition chain.
/// </remarks>
public static class X25519
{
    /// <summary>Key and shared-secret size in bytes.</summary>
    public const int KeySize = 32;

    private const int F = Field25519.Limbs;

    /// <summary>
    /// The X25519 function: output = X25519(scalar, u). Non-canonical u values are reduced and
    /// bit 255 is ignored, as RFC 7748 §5 requires. Returns InvalidParameter when the result is
    /// all zeros (a low-order peer point, §6.1), with output cleared.
    /// </summary>
    public static CryptoStatus ScalarMult(ReadOnlySpan<byte> scalar, ReadOnlySpan<byte> u, Span<byte> output)
    {
        if (scalar.Length != KeySize || u.Length != KeySize || output.Length < KeySize)
        {
            return CryptoStatus.InvalidLength;
        }

        Span<byte> k = stackalloc byte[KeySize];
        scalar.CopyTo(k);
        k[0] &= 248;   // decodeScalar25519 (§5)
        k[31] &= 127;
        k[31] |= 64;

        Span<ulong> buf = stackalloc ulong[13 * F];
        Span<ulong> x1 = buf.Slice(0, F), x2 = buf.Slice(F, F), z2 = buf.Slice(2 * F, F), x3 = buf.Slice(3 * F, F), z3 = buf.Slice(4 * F, F);
        Span<ulong> a = buf.Slice(5 * F, F), aa = buf.Slice(6 * F, F), b = buf.Slice(7 * F, F), bb = buf.Slice(8 * F, F);
        Span<ulong> e = buf.Slice(9 * F, F), c = buf.Slice(10 * F, F), d = buf.Slice(11 * F, F), t = buf.Slice(12 * F, F);
        Field25519.FromBytes(x1, u);
        x2.Clear();
        x2[0] = 1;
        z2.Clear();
        x1.CopyTo(x3);
        z3.Clear();
        z3[0] = 1;
        ulong swap = 0;
        for (int i = 254; i >= 0; i--)
        {
            ulong bit = (ulong)((k[i >> 3] >> (i & 7)) & 1);
            swap ^= bit;
            Field25519.ConditionalSwap(x2, x3, swap);
            Field25519.ConditionalSwap(z2, z3, swap);
            swap = bit;

            Field25519.Add(a, x2, z2);
            Field25519.Square(aa, a);
            Field25519.Sub(b, x2, z2);
            Field25519.Square(bb, b);
            Field25519.Sub(e, aa, bb);
            Field25519.Add(c, x3, z3);
            Field25519.Sub(d, x3, z3);
            Field25519.Mul(d, d, a);        // DA
            Field25519.Mul(c, c, b);        // CB
            Field25519.Add(t, d, c);
            Field25519.Square(x3, t);       // (DA + CB)^2
            Field25519.Sub(t, d, c);
            Field25519.Square(t, t);
            Field25519.Mul(z3, x1, t);      // x1·(DA - CB)^2
            Field25519.Mul(x2, aa, bb);
            Field25519.MulSmall(t, e, 121665);
            Field25519.Add(t, aa, t);
            Field25519.Mul(z2, e, t);       // E·(AA + a24·E)
        }

        Field25519.ConditionalSwap(x2, x3, swap);
        Field25519.ConditionalSwap(z2, z3, swap);
        Field25519.Invert(z2, z2);
        Field25519.Mul(x2, x2, z2);
        Field25519.ToBytes(output, x2);
        ulong zero = Field25519.IsZeroMask(x2);
        buf.Clear();
        k.Clear();
        if (zero != 0)
        {
            output.Slice(0, KeySize).Clear();
            return CryptoStatus.InvalidParameter;
        }

        return CryptoStatus.Success;
    }

    /// <summary>The public key for a private scalar: X25519(scalar, 9).</summary>
    public static CryptoStatus PublicKey(ReadOnlySpan<byte> scalar, Span<byte> publicKey)
    {
        Span<byte> nine = stackalloc byte[KeySize];
        nine.Clear();
        nine[0] = 9;
        return ScalarMult(scalar, nine, publicKey);
    }
}
