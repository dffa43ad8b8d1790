using System;
using System.Runtime.CompilerServices;

namespace Lvbs.Kernel.Crypto.Curve25519;

/// <summary>
/// X25519 Diffie–Hellman (RFC 7748 §5–6.1).
/// </summary>
/// <remarks>
/// Constant-time: the Montgomery ladder runs all 255 steps with the same field operations,
/// exchanging operands by masked XOR swaps keyed on the scalar bits (no secret-dependent branch
/// or memory index); the final inversion is a fixed addition chain.
/// </remarks>
[SkipLocalsInit]
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

        Field25519.FromBytes(out FieldElement x1, u);
        Ladder(out FieldElement x2, out FieldElement z2, x1, k);
        Field25519.Invert(out z2, z2);
        Field25519.Mul(out x2, x2, z2);
        Field25519.ToBytes(output, x2);
        ulong zero = Field25519.IsZeroMask(x2);
        x2 = default;
        z2 = default;
        k.Clear();
        if (zero != 0)
        {
            output.Slice(0, KeySize).Clear();
            return CryptoStatus.InvalidParameter;
        }

        return CryptoStatus.Success;
    }

    /// <summary>
    /// The Montgomery ladder of RFC 7748 §5 over the clamped scalar k: (x2 : z2) = k·(x1 : 1).
    /// Each step costs 5 multiplications, 4 squarings and one multiplication by a24 = 121665.
    /// </summary>
    private static void Ladder(out FieldElement x2, out FieldElement z2, in FieldElement x1, ReadOnlySpan<byte> k)
    {
        x2 = FieldElement.One;
        z2 = FieldElement.Zero;
        FieldElement x3 = x1;
        FieldElement z3 = FieldElement.One;
        ulong swap = 0;
        for (int i = 254; i >= 0; i--)
        {
            // Secret bit: only masks derived from it, never a branch or an index.
            ulong bit = (ulong)((k[i >> 3] >> (i & 7)) & 1);
            swap ^= bit;
            ulong mask = 0UL - swap;
            Field25519.ConditionalSwap(ref x2, ref x3, mask);
            Field25519.ConditionalSwap(ref z2, ref z3, mask);
            swap = bit;

            // x2, z2, x3, z3 are loose (products); every sum and difference below only feeds a
            // product, so none needs a carry pass (Field25519 remarks).
            Field25519.AddNoCarry(out FieldElement a, x2, z2);
            Field25519.Square(out FieldElement aa, a);
            Field25519.SubNoCarry(out FieldElement b, x2, z2);
            Field25519.Square(out FieldElement bb, b);
            Field25519.SubNoCarry(out FieldElement e, aa, bb);
            Field25519.AddNoCarry(out FieldElement c, x3, z3);
            Field25519.SubNoCarry(out FieldElement d, x3, z3);
            Field25519.Mul(out d, d, a);        // DA
            Field25519.Mul(out c, c, b);        // CB
            Field25519.AddNoCarry(out FieldElement t, d, c);
            Field25519.Square(out x3, t);       // (DA + CB)^2
            Field25519.SubNoCarry(out t, d, c);
            Field25519.Square(out t, t);
            Field25519.Mul(out z3, x1, t);      // x1·(DA - CB)^2
            Field25519.Mul(out x2, aa, bb);
            Field25519.MulSmall(out t, e, 121665);
            Field25519.AddNoCarry(out t, aa, t);
            Field25519.Mul(out z2, e, t);       // E·(AA + a24·E)
        }

        ulong last = 0UL - swap;
        Field25519.ConditionalSwap(ref x2, ref x3, last);
        Field25519.ConditionalSwap(ref z2, ref z3, last);
        x3 = default;
        z3 = default;
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
