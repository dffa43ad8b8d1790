using System;
using Lvbs.Kernel.Crypto.BigInteger;

namespace Lvbs.Kernel.Crypto.Curve25519;

/// <summary>
/// Arithmetic in GF(2^255 - 19) on four 64-bit limbs (little-endian spans of length 4). Values
/// are kept weakly reduced (any value below 2^256); <see cref="Freeze"/> gives the canonical form.
/// </summary>
/// <remarks>
/// Constant-time: every function runs a fixed sequence of operations. Reduction folds the high
/// half with 2^256 ≡ 38 (mod p) and carries are computed with bit logic, never branched on.
/// Every function allows the result to alias an operand.
/// </remarks>
public static class Field25519
{
    /// <summary>Limbs per element.</summary>
    public const int Limbs = 4;

    /// <summary>r = a + b.</summary>
    public static void Add(Span<ulong> r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        ulong c = 0;
        ulong r0 = Natural.AddCarry(a[0], b[0], ref c);
        ulong r1 = Natural.AddCarry(a[1], b[1], ref c);
        ulong r2 = Natural.AddCarry(a[2], b[2], ref c);
        ulong r3 = Natural.AddCarry(a[3], b[3], ref c);
        // 2^256 ≡ 38: add 38·carry, then once more for the (rare) second carry.
        ulong c2 = 0;
        r0 = Natural.AddCarry(r0, 38 * c, ref c2);
        r1 = Natural.AddCarry(r1, 0, ref c2);
        r2 = Natural.AddCarry(r2, 0, ref c2);
        r3 = Natural.AddCarry(r3, 0, ref c2);
        r[0] = r0 + (38 * c2);
        r[1] = r1;
        r[2] = r2;
        r[3] = r3;
    }

    /// <summary>r = a - b.</summary>
    public static void Sub(Span<ulong> r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        ulong bw = 0;
        ulong r0 = Natural.SubBorrow(a[0], b[0], ref bw);
        ulong r1 = Natural.SubBorrow(a[1], b[1], ref bw);
        ulong r2 = Natural.SubBorrow(a[2], b[2], ref bw);
        ulong r3 = Natural.SubBorrow(a[3], b[3], ref bw);
        ulong bw2 = 0;
        r0 = Natural.SubBorrow(r0, 38 * bw, ref bw2);
        r1 = Natural.SubBorrow(r1, 0, ref bw2);
        r2 = Natural.SubBorrow(r2, 0, ref bw2);
        r3 = Natural.SubBorrow(r3, 0, ref bw2);
        r[0] = r0 - (38 * bw2);
        r[1] = r1;
        r[2] = r2;
        r[3] = r3;
    }

    /// <summary>r = a·b (schoolbook 4×4 limbs on locals, then the 2^256 ≡ 38 fold).</summary>
    public static void Mul(Span<ulong> r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        ulong a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
        ulong b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
        ulong c;
        ulong t0 = Natural.MulAdd2(a0, b0, 0, 0, out c);
        ulong t1 = Natural.MulAdd2(a1, b0, 0, c, out c);
        ulong t2 = Natural.MulAdd2(a2, b0, 0, c, out c);
        ulong t3 = Natural.MulAdd2(a3, b0, 0, c, out c);
        ulong t4 = c;
        t1 = Natural.MulAdd2(a0, b1, t1, 0, out c);
        t2 = Natural.MulAdd2(a1, b1, t2, c, out c);
        t3 = Natural.MulAdd2(a2, b1, t3, c, out c);
        t4 = Natural.MulAdd2(a3, b1, t4, c, out c);
        ulong t5 = c;
        t2 = Natural.MulAdd2(a0, b2, t2, 0, out c);
        t3 = Natural.MulAdd2(a1, b2, t3, c, out c);
        t4 = Natural.MulAdd2(a2, b2, t4, c, out c);
        t5 = Natural.MulAdd2(a3, b2, t5, c, out c);
        ulong t6 = c;
        t3 = Natural.MulAdd2(a0, b3, t3, 0, out c);
        t4 = Natural.MulAdd2(a1, b3, t4, c, out c);
        t5 = Natural.MulAdd2(a2, b3, t5, c, out c);
        t6 = Natural.MulAdd2(a3, b3, t6, c, out c);
        ulong t7 = c;
        Fold(r, t0, t1, t2, t3, t4, t5, t6, t7);
    }

    /// <summary>r = (t0..t3) + 38·(t4..t7), weakly reduced.</summary>
    private static void Fold(Span<ulong> r, ulong t0, ulong t1, ulong t2, ulong t3, ulong t4, ulong t5, ulong t6, ulong t7)
    {
        ulong c;
        ulong r0 = Natural.MulAdd2(t4, 38, t0, 0, out c);
        ulong r1 = Natural.MulAdd2(t5, 38, t1, c, out c);
        ulong r2 = Natural.MulAdd2(t6, 38, t2, c, out c);
        ulong r3 = Natural.MulAdd2(t7, 38, t3, c, out c);
        // c < 39: fold 38·c, then the possible single carry.
        r0 = Natural.MulAdd2(c, 38, r0, 0, out ulong cc);
        r1 = Natural.AddCarry(r1, 0, ref cc);
        r2 = Natural.AddCarry(r2, 0, ref cc);
        r3 = Natural.AddCarry(r3, 0, ref cc);
        r[3] = r3;
        r[2] = r2;
        r[1] = r1;
        r[0] = r0 + (38 * cc);
    }

    /// <summary>r = a².</summary>
    public static void Square(Span<ulong> r, ReadOnlySpan<ulong> a) => Mul(r, a, a);

    /// <summary>r = a·k for a small constant k (below 2^32).</summary>
    public static void MulSmall(Span<ulong> r, ReadOnlySpan<ulong> a, uint k)
    {
        ulong c = 0;
        ulong r0 = Natural.MulAdd2(a[0], k, 0, c, out c);
        ulong r1 = Natural.MulAdd2(a[1], k, 0, c, out c);
        ulong r2 = Natural.MulAdd2(a[2], k, 0, c, out c);
        ulong r3 = Natural.MulAdd2(a[3], k, 0, c, out c);
        ulong c2 = 0;
        r0 = Natural.MulAdd2(c, 38, r0, 0, out c2);
        ulong cc = c2;
        r1 = Natural.AddCarry(r1, 0, ref cc);
        r2 = Natural.AddCarry(r2, 0, ref cc);
        r3 = Natural.AddCarry(r3, 0, ref cc);
        r[0] = r0 + (38 * cc);
        r[1] = r1;
        r[2] = r2;
        r[3] = r3;
    }

    /// <summary>Reduces a to the canonical representative in [0, p) by two masked subtractions of p.</summary>
    public static void Freeze(Span<ulong> r, ReadOnlySpan<ulong> a)
    {
        Span<ulong> t = stackalloc ulong[4];
        a.Slice(0, 4).CopyTo(t);
        for (int round = 0; round < 2; round++)
        {
            ulong bw = 0;
            ulong d0 = Natural.SubBorrow(t[0], 0xFFFFFFFFFFFFFFED, ref bw);
            ulong d1 = Natural.SubBorrow(t[1], 0xFFFFFFFFFFFFFFFF, ref bw);
            ulong d2 = Natural.SubBorrow(t[2], 0xFFFFFFFFFFFFFFFF, ref bw);
            ulong d3 = Natural.SubBorrow(t[3], 0x7FFFFFFFFFFFFFFF, ref bw);
            ulong keep = 0UL - bw; // t < p: keep t
            t[0] = (t[0] & keep) | (d0 & ~keep);
            t[1] = (t[1] & keep) | (d1 & ~keep);
            t[2] = (t[2] & keep) | (d2 & ~keep);
            t[3] = (t[3] & keep) | (d3 & ~keep);
        }

        t.CopyTo(r);
    }

    /// <summary>Writes the canonical 32-byte little-endian encoding of a.</summary>
    public static void ToBytes(Span<byte> output, ReadOnlySpan<ulong> a)
    {
        Span<ulong> t = stackalloc ulong[4];
        Freeze(t, a);
        for (int i = 0; i < 32; i++)
        {
            output[i] = (byte)(t[i >> 3] >> ((i & 7) * 8));
        }
    }

    /// <summary>Reads 32 little-endian bytes, ignoring bit 255 (RFC 7748 §5 / RFC 8032 §5.1.3).</summary>
    public static void FromBytes(Span<ulong> r, ReadOnlySpan<byte> input)
    {
        for (int i = 0; i < 4; i++)
        {
            ulong v = 0;
            for (int j = 7; j >= 0; j--)
            {
                v = (v << 8) | input[(i * 8) + j];
            }

            r[i] = v;
        }

        r[3] &= 0x7FFFFFFFFFFFFFFF;
    }

    /// <summary>All-ones when a ≡ 0 (mod p), else zero.</summary>
    public static ulong IsZeroMask(ReadOnlySpan<ulong> a)
    {
        Span<ulong> t = stackalloc ulong[4];
        Freeze(t, a);
        return Natural.IsZeroMask(t);
    }

    /// <summary>Parity (bit 0) of the canonical value.</summary>
    public static ulong IsNegative(ReadOnlySpan<ulong> a)
    {
        Span<ulong> t = stackalloc ulong[4];
        Freeze(t, a);
        return t[0] & 1;
    }

    /// <summary>Constant-time conditional swap of a and b when swap is 1.</summary>
    public static void ConditionalSwap(Span<ulong> a, Span<ulong> b, ulong swap)
    {
        ulong mask = 0UL - swap;
        for (int i = 0; i < 4; i++)
        {
            ulong x = (a[i] ^ b[i]) & mask;
            a[i] ^= x;
            b[i] ^= x;
        }
    }

    /// <summary>r = a^(2^k) by k squarings.</summary>
    private static void SquareTimes(Span<ulong> r, ReadOnlySpan<ulong> a, int k)
    {
        a.Slice(0, 4).CopyTo(r);
        for (int i = 0; i < k; i++)
        {
            Square(r, r);
        }
    }

    /// <summary>
    /// Shared prefix of the inversion and square-root addition chains: z11 = a^11 and
    /// z250 = a^(2^250 - 1).
    /// </summary>
    private static void ChainTo250(ReadOnlySpan<ulong> a, Span<ulong> z11, Span<ulong> z250)
    {
        Span<ulong> buf = stackalloc ulong[20];
        Span<ulong> t0 = buf.Slice(0, 4), t1 = buf.Slice(4, 4), z9 = buf.Slice(8, 4), z5 = buf.Slice(12, 4), z10 = buf.Slice(16, 4);
        Square(t0, a);                 // 2
        SquareTimes(t1, t0, 2);        // 8
        Mul(z9, t1, a);                // 9
        Mul(z11, t0, z9);              // 11
        Square(t0, z11);               // 22
        Mul(z5, t0, z9);               // 2^5 - 1
        SquareTimes(t0, z5, 5);
        Mul(z10, t0, z5);              // 2^10 - 1
        SquareTimes(t0, z10, 10);
        Mul(t1, t0, z10);              // 2^20 - 1
        SquareTimes(t0, t1, 20);
        Mul(t0, t0, t1);               // 2^40 - 1
        SquareTimes(t0, t0, 10);
        Mul(z5, t0, z10);              // 2^50 - 1 (z5 reused)
        SquareTimes(t0, z5, 50);
        Mul(t1, t0, z5);               // 2^100 - 1
        SquareTimes(t0, t1, 100);
        Mul(t0, t0, t1);               // 2^200 - 1
        SquareTimes(t0, t0, 50);
        Mul(z250, t0, z5);             // 2^250 - 1
    }

    /// <summary>r = a^(p-2) = a^-1 (0 maps to 0), by the fixed addition chain 2^255 - 21.</summary>
    public static void Invert(Span<ulong> r, ReadOnlySpan<ulong> a)
    {
        Span<ulong> z11 = stackalloc ulong[4];
        Span<ulong> z250 = stackalloc ulong[4];
        ChainTo250(a, z11, z250);
        SquareTimes(z250, z250, 5);    // 2^255 - 32
        Mul(r, z250, z11);             // 2^255 - 21
    }

    /// <summary>r = a^((p-5)/8) = a^(2^252 - 3), used by square roots (RFC 8032 §5.1.3).</summary>
    public static void Pow22523(Span<ulong> r, ReadOnlySpan<ulong> a)
    {
        Span<ulong> z11 = stackalloc ulong[4];
        Span<ulong> z250 = stackalloc ulong[4];
        ChainTo250(a, z11, z250);
        SquareTimes(z250, z250, 2);    // 2^252 - 4
        Mul(r, z250, a);               // 2^252 - 3
    }
}
