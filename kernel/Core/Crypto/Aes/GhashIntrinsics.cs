using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Lvbs.Kernel.Crypto.Aes;

/// <summary>
/// GHASH (SP 800-38D §6.4) with PCLMULQDQ, following Gueron and Kounavis, "Intel Carry-Less
/// Multiplication Instruction and its Usage for Computing the GCM Mode" (2010): blocks are
/// byte-reflected, multiplied carry-less, shifted left one bit and reduced modulo
/// x^128 + x^7 + x^2 + x + 1. Four blocks are aggregated per reduction using H..H^4.
/// Constant-time: PCLMULQDQ and the vector shifts have data-independent timing.
/// </summary>
internal static class GhashIntrinsics
{
    /// <summary>Size of the precomputed key material (H, H^2, H^3, H^4, reflected).</summary>
    public const int KeyBytes = 64;

    /// <summary>True if PCLMULQDQ and SSSE3 (for the byte reflection) are available.</summary>
    public static bool IsSupported => Pclmulqdq.IsSupported && Ssse3.IsSupported && Sse2.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Load(ReadOnlySpan<byte> s, int offset) =>
        Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref MemoryMarshal.GetReference(s), offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Span<byte> d, int offset, Vector128<byte> v) =>
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetReference(d), offset), v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Reflect(Vector128<byte> v) =>
        Ssse3.Shuffle(v, Vector128.Create(0x08090A0B0C0D0E0FUL, 0x0001020304050607UL).AsByte()).AsUInt64();

    /// <summary>Precomputes H^1..H^4 (reflected) from H = E(K, 0^128).</summary>
    public static void Init(ReadOnlySpan<byte> h, Span<byte> key)
    {
        Vector128<ulong> h1 = Reflect(Load(h, 0));
        Vector128<ulong> h2 = Multiply(h1, h1);
        Vector128<ulong> h3 = Multiply(h2, h1);
        Vector128<ulong> h4 = Multiply(h3, h1);
        Store(key, 0, h1.AsByte());
        Store(key, 16, h2.AsByte());
        Store(key, 32, h3.AsByte());
        Store(key, 48, h4.AsByte());
    }

    /// <summary>Y ← (Y ⊕ X_i)·H for each 16-byte block of <paramref name="data"/> (length a multiple of 16).</summary>
    public static void Update(ReadOnlySpan<byte> key, Span<byte> y, ReadOnlySpan<byte> data)
    {
        Vector128<ulong> h1 = Load(key, 0).AsUInt64();
        Vector128<ulong> acc = Reflect(Load(y, 0));
        int i = 0;
        if (data.Length >= 64)
        {
            Vector128<ulong> h2 = Load(key, 16).AsUInt64(), h3 = Load(key, 32).AsUInt64(), h4 = Load(key, 48).AsUInt64();
            for (; i + 64 <= data.Length; i += 64)
            {
                // (Y ⊕ X0)·H^4 ⊕ X1·H^3 ⊕ X2·H^2 ⊕ X3·H, one reduction for all four.
                Vector128<ulong> x0 = Sse2.Xor(acc, Reflect(Load(data, i)));
                MultiplyWide(x0, h4, out Vector128<ulong> lo, out Vector128<ulong> hi);
                MultiplyWide(Reflect(Load(data, i + 16)), h3, out Vector128<ulong> lo1, out Vector128<ulong> hi1);
                MultiplyWide(Reflect(Load(data, i + 32)), h2, out Vector128<ulong> lo2, out Vector128<ulong> hi2);
                MultiplyWide(Reflect(Load(data, i + 48)), h1, out Vector128<ulong> lo3, out Vector128<ulong> hi3);
                lo = Sse2.Xor(Sse2.Xor(lo, lo1), Sse2.Xor(lo2, lo3));
                hi = Sse2.Xor(Sse2.Xor(hi, hi1), Sse2.Xor(hi2, hi3));
                acc = Reduce(lo, hi);
            }
        }

        for (; i + 16 <= data.Length; i += 16)
        {
            acc = Multiply(Sse2.Xor(acc, Reflect(Load(data, i))), h1);
        }

        Store(y, 0, Reflect(acc.AsByte()).AsByte());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Multiply(Vector128<ulong> a, Vector128<ulong> b)
    {
        MultiplyWide(a, b, out Vector128<ulong> lo, out Vector128<ulong> hi);
        return Reduce(lo, hi);
    }

    /// <summary>256-bit carry-less product [hi:lo] = a·b (schoolbook, four PCLMULQDQ).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyWide(Vector128<ulong> a, Vector128<ulong> b, out Vector128<ulong> lo, out Vector128<ulong> hi)
    {
        Vector128<ulong> t3 = Pclmulqdq.CarrylessMultiply(a, b, 0x00);
        Vector128<ulong> t6 = Pclmulqdq.CarrylessMultiply(a, b, 0x11);
        Vector128<ulong> t4 = Sse2.Xor(Pclmulqdq.CarrylessMultiply(a, b, 0x10), Pclmulqdq.CarrylessMultiply(a, b, 0x01));
        lo = Sse2.Xor(t3, Sse2.ShiftLeftLogical128BitLane(t4, 8));
        hi = Sse2.Xor(t6, Sse2.ShiftRightLogical128BitLane(t4, 8));
    }

    /// <summary>Shifts [hi:lo] left one bit (bit reflection) and reduces modulo the GCM polynomial.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Reduce(Vector128<ulong> lo64, Vector128<ulong> hi64)
    {
        Vector128<uint> lo = lo64.AsUInt32(), hi = hi64.AsUInt32();
        Vector128<uint> t7 = Sse2.ShiftRightLogical(lo, 31);
        Vector128<uint> t8 = Sse2.ShiftRightLogical(hi, 31);
        lo = Sse2.ShiftLeftLogical(lo, 1);
        hi = Sse2.ShiftLeftLogical(hi, 1);
        Vector128<uint> t9 = Sse2.ShiftRightLogical128BitLane(t7, 12);
        t8 = Sse2.ShiftLeftLogical128BitLane(t8, 4);
        t7 = Sse2.ShiftLeftLogical128BitLane(t7, 4);
        lo = Sse2.Or(lo, t7);
        hi = Sse2.Or(Sse2.Or(hi, t8), t9);

        t7 = Sse2.Xor(Sse2.Xor(Sse2.ShiftLeftLogical(lo, 31), Sse2.ShiftLeftLogical(lo, 30)), Sse2.ShiftLeftLogical(lo, 25));
        t8 = Sse2.ShiftRightLogical128BitLane(t7, 4);
        t7 = Sse2.ShiftLeftLogical128BitLane(t7, 12);
        lo = Sse2.Xor(lo, t7);
        Vector128<uint> t2 = Sse2.Xor(Sse2.Xor(Sse2.ShiftRightLogical(lo, 1), Sse2.ShiftRightLogical(lo, 2)), Sse2.ShiftRightLogical(lo, 7));
        t2 = Sse2.Xor(t2, t8);
        lo = Sse2.Xor(lo, t2);
        return Sse2.Xor(hi, lo).AsUInt64();
    }
}
