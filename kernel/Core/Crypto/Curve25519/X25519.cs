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

        Span<ulong> buf = stackalloc ulong[4 * 13];
        Span<ulong> x1 = buf.Slice(0, 4), x2 = buf.Slice(4, 4), z2 = buf.Slice(8, 4), x3 = buf.Slice(12, 4), z3 = buf.Slice(16, 4);
        Span<ulong> a = buf.Slice(20, 4), aa = buf.Slice(24, 4), b = buf.Slice(28, 4), bb = buf.Slice(32, 4);
        Span<ulong> e = buf.Slice(36, 4), c = buf.Slice(40, 4), d = buf.Slice(44, 4), t = buf.Slice(48, 4);
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
