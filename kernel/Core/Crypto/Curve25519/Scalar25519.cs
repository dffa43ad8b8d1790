using System;
using System.Buffers.Binary;

namespace Lvbs.Kernel.Crypto.Curve25519;

/// <summary>
/// Arithmetic modulo the Ed25519 group order L = 2^252 + 27742317777372353535851937790883648493
/// on fixed 4×64-bit little-endian limbs: reduction of a 512-bit value (Barrett, HAC 14.42) and
/// (a·b + c) mod L.
/// </summary>
/// <remarks>
/// Constant-time: in signing, the secret scalar s and the nonce r pass through here, so there
/// is no data-dependent branch or index. Carries and borrows are computed from the top bits of
/// the operands and the result (no comparison, which the JIT may turn into a branch), and the
/// final corrections select with masks. Allocation-free (small stack buffers only, cleared).
/// Replaces the general Montgomery context for the two mod-L reductions of a signature: the
/// shape of L (4 limbs, limb 2 zero) and of the inputs (exactly 8 or 4 limbs) is fixed here.
/// </remarks>
public static class Scalar25519
{
    // L, little-endian 64-bit limbs (limb 2 is zero).
    private const ulong L0 = 0x5812631A5CF5D3ED;
    private const ulong L1 = 0x14DEF9DEA2F79CD6;
    private const ulong L3 = 0x1000000000000000;

    // mu = floor(2^512 / L) (260 bits), the Barrett constant for b = 2^64, k = 4.
    private const ulong Mu0 = 0xED9CE5A30A2C131B;
    private const ulong Mu1 = 0x2106215D086329A7;
    private const ulong Mu2 = 0xFFFFFFFFFFFFFFEB;
    private const ulong Mu3 = 0xFFFFFFFFFFFFFFFF;
    private const ulong Mu4 = 0x000000000000000F;

    /// <summary>r = wide mod L, wide a 64-byte little-endian integer (e.g. a SHA-512 digest).</summary>
    public static void ReduceWide(ReadOnlySpan<byte> wide, Span<ulong> r)
    {
        Span<ulong> x = stackalloc ulong[8];
        for (int i = 0; i < 8; i++)
        {
            x[i] = BinaryPrimitives.ReadUInt64LittleEndian(wide.Slice(i * 8, 8));
        }

        ReduceWide(x, r);
        x.Clear();
    }

    /// <summary>r = x mod L for an 8-limb (512-bit) little-endian x; r gets 4 limbs.</summary>
    public static void ReduceWide(ReadOnlySpan<ulong> x, Span<ulong> r)
    {
        // HAC 14.42 with b = 2^64, k = 4 (2^192 < L < 2^256): q1 = x / b^3 (5 limbs),
        // q3 = q1·mu / b^5 (5 limbs) underestimates x / L by at most 2, so x - q3·L < 3L.
        Span<ulong> mu = stackalloc ulong[5];
        mu[0] = Mu0;
        mu[1] = Mu1;
        mu[2] = Mu2;
        mu[3] = Mu3;
        mu[4] = Mu4;
        Span<ulong> q2 = stackalloc ulong[10];
        MulInto(q2, x.Slice(3, 5), mu);

        // q3·L mod b^5 (L's limb 2 is zero; products landing at limb 5 or above are dropped).
        Span<ulong> l = stackalloc ulong[4];
        l[0] = L0;
        l[1] = L1;
        l[2] = 0;
        l[3] = L3;
        Span<ulong> r2 = stackalloc ulong[5];
        r2.Clear();
        ReadOnlySpan<ulong> q3 = q2.Slice(5, 5);
        for (int i = 0; i < 5; i++)
        {
            ulong carry = 0;
            for (int j = 0; i + j < 5 && j < 4; j++)
            {
                r2[i + j] = MulAcc(r2[i + j], q3[i], l[j], ref carry);
            }

            // Row 0 ends at limb 3, so its carry lands in limb 4; later rows reach limb 4 and
            // their carry is dropped (mod b^5). The row index is public.
            if (i == 0)
            {
                r2[4] = carry;
            }
        }

        // t = (x mod b^5) - r2 mod b^5: exact, since the true difference is in [0, 3L).
        Span<ulong> t = stackalloc ulong[5];
        ulong borrow = 0;
        for (int i = 0; i < 5; i++)
        {
            t[i] = SubBorrow(x[i], r2[i], borrow, out borrow);
        }

        ConditionalSubtractL(t);
        ConditionalSubtractL(t);
        t.Slice(0, 4).CopyTo(r);
        q2.Clear();
        r2.Clear();
        t.Clear();
    }

    /// <summary>
    /// r = (a·b + c) mod L for any 4-limb a, b, c (a·b + c &lt; 2^512 always). r may alias an input.
    /// </summary>
    public static void MulAdd(Span<ulong> r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, ReadOnlySpan<ulong> c)
    {
        Span<ulong> x = stackalloc ulong[8];
        MulInto(x, a.Slice(0, 4), b.Slice(0, 4));
        ulong carry = 0;
        for (int i = 0; i < 4; i++)
        {
            x[i] = AddCarry(x[i], c[i], carry, out carry);
        }

        for (int i = 4; i < 8; i++)
        {
            x[i] = AddCarry(x[i], 0, carry, out carry);
        }

        ReduceWide(x, r);
        x.Clear();
    }

    /// <summary>r = (L − a) mod L for a below L. Constant-time; r may alias a.</summary>
    public static void Negate(Span<ulong> r, ReadOnlySpan<ulong> a)
    {
        ulong d0 = SubBorrow(L0, a[0], 0, out ulong borrow);
        ulong d1 = SubBorrow(L1, a[1], borrow, out borrow);
        ulong d2 = SubBorrow(0, a[2], borrow, out borrow);
        ulong d3 = SubBorrow(L3, a[3], borrow, out _);

        // L − 0 is L, whose residue is 0: keep is all ones unless a is zero.
        ulong any = a[0] | a[1] | a[2] | a[3];
        ulong keep = 0 - ((any | (0 - any)) >> 63);
        r[0] = d0 & keep;
        r[1] = d1 & keep;
        r[2] = d2 & keep;
        r[3] = d3 & keep;
    }

    /// <summary>Writes the 4-limb scalar s as 32 little-endian bytes.</summary>
    public static void ToBytes(ReadOnlySpan<ulong> s, Span<byte> output)
    {
        for (int i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(output.Slice(i * 8, 8), s[i]);
        }
    }

    /// <summary>Reads 32 little-endian bytes as a 4-limb scalar (no reduction).</summary>
    public static void FromBytes(ReadOnlySpan<byte> input, Span<ulong> s)
    {
        for (int i = 0; i < 4; i++)
        {
            s[i] = BinaryPrimitives.ReadUInt64LittleEndian(input.Slice(i * 8, 8));
        }
    }

    /// <summary>t = t - L when t ≥ L, else unchanged (5 limbs, selected by mask).</summary>
    private static void ConditionalSubtractL(Span<ulong> t)
    {
        ulong borrow = 0;
        ulong d0 = SubBorrow(t[0], L0, borrow, out borrow);
        ulong d1 = SubBorrow(t[1], L1, borrow, out borrow);
        ulong d2 = SubBorrow(t[2], 0, borrow, out borrow);
        ulong d3 = SubBorrow(t[3], L3, borrow, out borrow);
        ulong d4 = SubBorrow(t[4], 0, borrow, out borrow);

        // keep = all ones when the subtraction borrowed (t < L): keep t; otherwise take t - L.
        ulong keep = 0 - borrow;
        t[0] = (t[0] & keep) | (d0 & ~keep);
        t[1] = (t[1] & keep) | (d1 & ~keep);
        t[2] = (t[2] & keep) | (d2 & ~keep);
        t[3] = (t[3] & keep) | (d3 & ~keep);
        t[4] = (t[4] & keep) | (d4 & ~keep);
    }

    /// <summary>Schoolbook product: r (a.Length + b.Length limbs) = a·b.</summary>
    private static void MulInto(Span<ulong> r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        r.Slice(0, a.Length + b.Length).Clear();
        for (int i = 0; i < a.Length; i++)
        {
            ulong carry = 0;
            ulong ai = a[i];
            for (int j = 0; j < b.Length; j++)
            {
                r[i + j] = MulAcc(r[i + j], ai, b[j], ref carry);
            }

            r[i + b.Length] = carry;
        }
    }

    /// <summary>
    /// Returns the low limb of acc + a·b + carry and sets carry to the high limb (the sum is at
    /// most (2^64-1)^2 + 2·(2^64-1) = 2^128 - 1, so the high limb cannot overflow).
    /// </summary>
    private static ulong MulAcc(ulong acc, ulong a, ulong b, ref ulong carry)
    {
        ulong hi = Math.BigMul(a, b, out ulong lo);
        lo = AddCarry(lo, acc, 0, out ulong c1);
        lo = AddCarry(lo, carry, 0, out ulong c2);
        carry = hi + c1 + c2;
        return lo;
    }

    /// <summary>a + b + carryIn (carryIn 0 or 1); carryOut from the top bits, without a comparison.</summary>
    private static ulong AddCarry(ulong a, ulong b, ulong carryIn, out ulong carryOut)
    {
        ulong s = a + b + carryIn;

        // Both top bits set: carry. One set: carry exactly when the sum's top bit is clear.
        carryOut = ((a & b) | ((a | b) & ~s)) >> 63;
        return s;
    }

    /// <summary>a - b - borrowIn (borrowIn 0 or 1); borrowOut from the top bits, without a comparison.</summary>
    private static ulong SubBorrow(ulong a, ulong b, ulong borrowIn, out ulong borrowOut)
    {
        ulong d = a - b - borrowIn;

        // a's top bit clear and b's set: borrow. Equal top bits: borrow exactly when d's top bit is set.
        borrowOut = ((~a & b) | (~(a ^ b) & d)) >> 63;
        return d;
    }
}
