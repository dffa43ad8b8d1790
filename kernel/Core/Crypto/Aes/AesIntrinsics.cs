using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace Lvbs.Kernel.Crypto.Aes;

/// <summary>
/// AES-NI block processing. One of the two files that use x86 intrinsics (the other is
/// <see cref="GhashIntrinsics"/>), so the freestanding image only needs these APIs from its
/// runtime. AES-NI is constant-time by construction: the round instructions have fixed latency
/// and no table lookups. Bulk paths run 8 independent blocks per round so the AESENC pipeline
/// stays full.
/// </summary>
internal static class AesIntrinsics
{
    /// <summary>True if the processor has AES-NI (SSE2 is part of x86-64).</summary>
    public static bool IsSupported => X86Aes.IsSupported && Sse2.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Load(ReadOnlySpan<byte> s, int offset) =>
        Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref MemoryMarshal.GetReference(s), offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Span<byte> d, int offset, Vector128<byte> v) =>
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetReference(d), offset), v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Encrypt1(ReadOnlySpan<byte> rk, int rounds, Vector128<byte> b)
    {
        b = Sse2.Xor(b, Load(rk, 0));
        for (int r = 1; r < rounds; r++)
        {
            b = X86Aes.Encrypt(b, Load(rk, 16 * r));
        }

        return X86Aes.EncryptLast(b, Load(rk, 16 * rounds));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Decrypt1(ReadOnlySpan<byte> dk, int rounds, Vector128<byte> b)
    {
        b = Sse2.Xor(b, Load(dk, 0));
        for (int r = 1; r < rounds; r++)
        {
            b = X86Aes.Decrypt(b, Load(dk, 16 * r));
        }

        return X86Aes.DecryptLast(b, Load(dk, 16 * rounds));
    }

    /// <summary>Encrypts 8 blocks in place in the registers (interleaved rounds).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Encrypt8(ReadOnlySpan<byte> rk, int rounds,
        ref Vector128<byte> b0, ref Vector128<byte> b1, ref Vector128<byte> b2, ref Vector128<byte> b3,
        ref Vector128<byte> b4, ref Vector128<byte> b5, ref Vector128<byte> b6, ref Vector128<byte> b7)
    {
        Vector128<byte> k = Load(rk, 0);
        b0 = Sse2.Xor(b0, k); b1 = Sse2.Xor(b1, k); b2 = Sse2.Xor(b2, k); b3 = Sse2.Xor(b3, k);
        b4 = Sse2.Xor(b4, k); b5 = Sse2.Xor(b5, k); b6 = Sse2.Xor(b6, k); b7 = Sse2.Xor(b7, k);
        for (int r = 1; r < rounds; r++)
        {
            k = Load(rk, 16 * r);
            b0 = X86Aes.Encrypt(b0, k); b1 = X86Aes.Encrypt(b1, k); b2 = X86Aes.Encrypt(b2, k); b3 = X86Aes.Encrypt(b3, k);
            b4 = X86Aes.Encrypt(b4, k); b5 = X86Aes.Encrypt(b5, k); b6 = X86Aes.Encrypt(b6, k); b7 = X86Aes.Encrypt(b7, k);
        }

        k = Load(rk, 16 * rounds);
        b0 = X86Aes.EncryptLast(b0, k); b1 = X86Aes.EncryptLast(b1, k); b2 = X86Aes.EncryptLast(b2, k); b3 = X86Aes.EncryptLast(b3, k);
        b4 = X86Aes.EncryptLast(b4, k); b5 = X86Aes.EncryptLast(b5, k); b6 = X86Aes.EncryptLast(b6, k); b7 = X86Aes.EncryptLast(b7, k);
    }

    /// <summary>ECB encryption of whole blocks; source and destination may be the same buffer.</summary>
    public static void EncryptBlocks(ReadOnlySpan<byte> rk, int rounds, ReadOnlySpan<byte> src, Span<byte> dst)
    {
        int i = 0;
        for (; i + 128 <= src.Length; i += 128)
        {
            Vector128<byte> b0 = Load(src, i), b1 = Load(src, i + 16), b2 = Load(src, i + 32), b3 = Load(src, i + 48);
            Vector128<byte> b4 = Load(src, i + 64), b5 = Load(src, i + 80), b6 = Load(src, i + 96), b7 = Load(src, i + 112);
            Encrypt8(rk, rounds, ref b0, ref b1, ref b2, ref b3, ref b4, ref b5, ref b6, ref b7);
            Store(dst, i, b0); Store(dst, i + 16, b1); Store(dst, i + 32, b2); Store(dst, i + 48, b3);
            Store(dst, i + 64, b4); Store(dst, i + 80, b5); Store(dst, i + 96, b6); Store(dst, i + 112, b7);
        }

        for (; i + 16 <= src.Length; i += 16)
        {
            Store(dst, i, Encrypt1(rk, rounds, Load(src, i)));
        }
    }

    /// <summary>ECB decryption with the equivalent-inverse-cipher schedule.</summary>
    public static void DecryptBlocks(ReadOnlySpan<byte> dk, int rounds, ReadOnlySpan<byte> src, Span<byte> dst)
    {
        int i = 0;
        for (; i + 64 <= src.Length; i += 64)
        {
            Vector128<byte> k = Load(dk, 0);
            Vector128<byte> b0 = Sse2.Xor(Load(src, i), k), b1 = Sse2.Xor(Load(src, i + 16), k);
            Vector128<byte> b2 = Sse2.Xor(Load(src, i + 32), k), b3 = Sse2.Xor(Load(src, i + 48), k);
            for (int r = 1; r < rounds; r++)
            {
                k = Load(dk, 16 * r);
                b0 = X86Aes.Decrypt(b0, k); b1 = X86Aes.Decrypt(b1, k); b2 = X86Aes.Decrypt(b2, k); b3 = X86Aes.Decrypt(b3, k);
            }

            k = Load(dk, 16 * rounds);
            Store(dst, i, X86Aes.DecryptLast(b0, k));
            Store(dst, i + 16, X86Aes.DecryptLast(b1, k));
            Store(dst, i + 32, X86Aes.DecryptLast(b2, k));
            Store(dst, i + 48, X86Aes.DecryptLast(b3, k));
        }

        for (; i + 16 <= src.Length; i += 16)
        {
            Store(dst, i, Decrypt1(dk, rounds, Load(src, i)));
        }
    }

    /// <summary>
    /// CBC decryption (SP 800-38A §6.2), 4 blocks in parallel. <paramref name="iv"/> is updated
    /// to the last ciphertext block. In-place is allowed: each ciphertext block is read before
    /// its plaintext is written.
    /// </summary>
    public static void CbcDecrypt(ReadOnlySpan<byte> dk, int rounds, Span<byte> iv, ReadOnlySpan<byte> src, Span<byte> dst)
    {
        Vector128<byte> prev = Load(iv, 0);
        int i = 0;
        for (; i + 64 <= src.Length; i += 64)
        {
            Vector128<byte> c0 = Load(src, i), c1 = Load(src, i + 16), c2 = Load(src, i + 32), c3 = Load(src, i + 48);
            Vector128<byte> k = Load(dk, 0);
            Vector128<byte> b0 = Sse2.Xor(c0, k), b1 = Sse2.Xor(c1, k), b2 = Sse2.Xor(c2, k), b3 = Sse2.Xor(c3, k);
            for (int r = 1; r < rounds; r++)
            {
                k = Load(dk, 16 * r);
                b0 = X86Aes.Decrypt(b0, k); b1 = X86Aes.Decrypt(b1, k); b2 = X86Aes.Decrypt(b2, k); b3 = X86Aes.Decrypt(b3, k);
            }

            k = Load(dk, 16 * rounds);
            Store(dst, i, Sse2.Xor(X86Aes.DecryptLast(b0, k), prev));
            Store(dst, i + 16, Sse2.Xor(X86Aes.DecryptLast(b1, k), c0));
            Store(dst, i + 32, Sse2.Xor(X86Aes.DecryptLast(b2, k), c1));
            Store(dst, i + 48, Sse2.Xor(X86Aes.DecryptLast(b3, k), c2));
            prev = c3;
        }

        for (; i + 16 <= src.Length; i += 16)
        {
            Vector128<byte> c = Load(src, i);
            Store(dst, i, Sse2.Xor(Decrypt1(dk, rounds, c), prev));
            prev = c;
        }

        Store(iv, 0, prev);
    }

    /// <summary>CBC encryption (inherently serial); <paramref name="iv"/> is updated.</summary>
    public static void CbcEncrypt(ReadOnlySpan<byte> rk, int rounds, Span<byte> iv, ReadOnlySpan<byte> src, Span<byte> dst)
    {
        Vector128<byte> prev = Load(iv, 0);
        for (int i = 0; i + 16 <= src.Length; i += 16)
        {
            prev = Encrypt1(rk, rounds, Sse2.Xor(Load(src, i), prev));
            Store(dst, i, prev);
        }

        Store(iv, 0, prev);
    }

    /// <summary>
    /// Counter-mode keystream XOR over whole blocks. The counter block is big-endian; with
    /// <paramref name="increment32"/> only its last 32 bits count (GCM's inc32, SP 800-38D §6.2),
    /// otherwise all 128 bits do. <paramref name="counter"/> is advanced past the blocks used.
    /// </summary>
    public static void CtrXor(ReadOnlySpan<byte> rk, int rounds, Span<byte> counter, bool increment32, ReadOnlySpan<byte> src, Span<byte> dst)
    {
        ulong hi = BinaryPrimitives.ReadUInt64BigEndian(counter);
        ulong lo = BinaryPrimitives.ReadUInt64BigEndian(counter.Slice(8));
        int i = 0;
        for (; i + 128 <= src.Length; i += 128)
        {
            Vector128<byte> b0 = Counter(hi, ref lo, increment32), b1 = Counter(hi, ref lo, increment32);
            Vector128<byte> b2 = Counter(hi, ref lo, increment32), b3 = Counter(hi, ref lo, increment32);
            if (!increment32 && lo < 4)
            {
                // A carry out of the low half happened within these 4 blocks: redo them exactly.
                lo -= 4;
                b0 = CounterFull(ref hi, ref lo); b1 = CounterFull(ref hi, ref lo);
                b2 = CounterFull(ref hi, ref lo); b3 = CounterFull(ref hi, ref lo);
            }

            Vector128<byte> b4 = Counter(hi, ref lo, increment32), b5 = Counter(hi, ref lo, increment32);
            Vector128<byte> b6 = Counter(hi, ref lo, increment32), b7 = Counter(hi, ref lo, increment32);
            if (!increment32 && lo < 4)
            {
                lo -= 4;
                b4 = CounterFull(ref hi, ref lo); b5 = CounterFull(ref hi, ref lo);
                b6 = CounterFull(ref hi, ref lo); b7 = CounterFull(ref hi, ref lo);
            }

            Encrypt8(rk, rounds, ref b0, ref b1, ref b2, ref b3, ref b4, ref b5, ref b6, ref b7);
            Store(dst, i, Sse2.Xor(b0, Load(src, i)));
            Store(dst, i + 16, Sse2.Xor(b1, Load(src, i + 16)));
            Store(dst, i + 32, Sse2.Xor(b2, Load(src, i + 32)));
            Store(dst, i + 48, Sse2.Xor(b3, Load(src, i + 48)));
            Store(dst, i + 64, Sse2.Xor(b4, Load(src, i + 64)));
            Store(dst, i + 80, Sse2.Xor(b5, Load(src, i + 80)));
            Store(dst, i + 96, Sse2.Xor(b6, Load(src, i + 96)));
            Store(dst, i + 112, Sse2.Xor(b7, Load(src, i + 112)));
        }

        for (; i + 16 <= src.Length; i += 16)
        {
            Vector128<byte> b = increment32 ? Counter(hi, ref lo, true) : CounterFull(ref hi, ref lo);
            Store(dst, i, Sse2.Xor(Encrypt1(rk, rounds, b), Load(src, i)));
        }

        BinaryPrimitives.WriteUInt64BigEndian(counter, hi);
        BinaryPrimitives.WriteUInt64BigEndian(counter.Slice(8), lo);
    }

    /// <summary>The current counter block; then the low half (or its last 32 bits) is incremented.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Counter(ulong hi, ref ulong lo, bool increment32)
    {
        Vector128<byte> v = Vector128.Create(BinaryPrimitives.ReverseEndianness(hi), BinaryPrimitives.ReverseEndianness(lo)).AsByte();
        lo = increment32 ? (lo & 0xFFFFFFFF00000000UL) | (uint)(lo + 1) : lo + 1;
        return v;
    }

    /// <summary>The current counter block, then a full 128-bit increment.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> CounterFull(ref ulong hi, ref ulong lo)
    {
        Vector128<byte> v = Vector128.Create(BinaryPrimitives.ReverseEndianness(hi), BinaryPrimitives.ReverseEndianness(lo)).AsByte();
        lo++;
        if (lo == 0)
        {
            // Counter values are public (derived from the IV), so this branch leaks nothing secret.
            hi++;
        }

        return v;
    }
}
