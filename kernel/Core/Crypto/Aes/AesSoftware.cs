using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Lvbs.Kernel.Crypto.Aes;

/// <summary>
/// Constant-time software AES (FIPS 197) for processors without AES-NI.
/// <para>
/// Why it is constant-time: there is no S-box table. SubBytes transposes the 16 state bytes
/// into eight bit-planes and computes the S-box as inversion in GF(2^8) (x^254, FIPS 197 §5.1.1)
/// followed by the affine map, using only AND and XOR on whole planes, so every byte takes
/// the same instruction sequence whatever its value. ShiftRows is a fixed permutation and
/// MixColumns uses a mask-based xtime. No branch or memory index depends on key or data.
/// </para>
/// The state is four little-endian column words: column c holds bytes 4c..4c+3 (row 0 lowest).
/// </summary>
internal static class AesSoftware
{
    /// <summary>FIPS 197 §5.2 key expansion into <paramref name="w"/> (4·(Nr+1) words).</summary>
    public static void ExpandKey(ReadOnlySpan<byte> key, Span<uint> w, int rounds)
    {
        int nk = key.Length / 4;
        for (int i = 0; i < nk; i++)
        {
            w[i] = BinaryPrimitives.ReadUInt32LittleEndian(key.Slice(4 * i));
        }

        uint rcon = 1;
        int total = 4 * (rounds + 1);
        for (int i = nk; i < total; i++)
        {
            uint temp = w[i - 1];
            if (i % nk == 0)
            {
                // RotWord is a rotate by one byte towards row 0; Rcon sits in row 0.
                temp = SubWord((temp >> 8) | (temp << 24)) ^ rcon;
                rcon = XTime4(rcon);
            }
            else if (nk > 6 && i % nk == 4)
            {
                temp = SubWord(temp);
            }

            w[i] = w[i - nk] ^ temp;
        }
    }

    /// <summary>Encrypts one block with the expanded key (FIPS 197 §5.1).</summary>
    public static void EncryptBlock(ReadOnlySpan<uint> rk, int rounds, ReadOnlySpan<byte> input, Span<byte> output) =>
        EncryptBlocks(rk, rounds, input, output, 1);

    /// <summary>Decrypts one block with the (encryption) expanded key (FIPS 197 §5.3).</summary>
    public static void DecryptBlock(ReadOnlySpan<uint> rk, int rounds, ReadOnlySpan<byte> input, Span<byte> output) =>
        DecryptBlocks(rk, rounds, input, output, 1);

    /// <summary>
    /// Encrypts <paramref name="count"/> (1–4) consecutive blocks. The S-box runs once per round
    /// for all of them (64-bit bit-planes hold 4 × 16 bytes), which is why callers batch.
    /// </summary>
    public static unsafe void EncryptBlocks(ReadOnlySpan<uint> rk, int rounds, ReadOnlySpan<byte> input, Span<byte> output, int count)
    {
        uint* s = stackalloc uint[16];
        int words = 4 * count;
        for (int i = 0; i < words; i++)
        {
            s[i] = BinaryPrimitives.ReadUInt32LittleEndian(input.Slice(4 * i)) ^ rk[i & 3];
        }

        for (int r = 1; r <= rounds; r++)
        {
            SubBytes(s, count, inverse: false);
            for (int k = 0; k < words; k += 4)
            {
                uint c0 = s[k], c1 = s[k + 1], c2 = s[k + 2], c3 = s[k + 3];
                // ShiftRows: row r of column c comes from column c + r.
                uint n0 = (c0 & 0xff) | (c1 & 0xff00) | (c2 & 0xff0000) | (c3 & 0xff000000);
                uint n1 = (c1 & 0xff) | (c2 & 0xff00) | (c3 & 0xff0000) | (c0 & 0xff000000);
                uint n2 = (c2 & 0xff) | (c3 & 0xff00) | (c0 & 0xff0000) | (c1 & 0xff000000);
                uint n3 = (c3 & 0xff) | (c0 & 0xff00) | (c1 & 0xff0000) | (c2 & 0xff000000);
                if (r != rounds)
                {
                    n0 = MixColumn(n0);
                    n1 = MixColumn(n1);
                    n2 = MixColumn(n2);
                    n3 = MixColumn(n3);
                }

                s[k] = n0 ^ rk[4 * r];
                s[k + 1] = n1 ^ rk[4 * r + 1];
                s[k + 2] = n2 ^ rk[4 * r + 2];
                s[k + 3] = n3 ^ rk[4 * r + 3];
            }
        }

        for (int i = 0; i < words; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(output.Slice(4 * i), s[i]);
            s[i] = 0;
        }
    }

    /// <summary>Decrypts <paramref name="count"/> (1–4) consecutive blocks with the encryption schedule.</summary>
    public static unsafe void DecryptBlocks(ReadOnlySpan<uint> rk, int rounds, ReadOnlySpan<byte> input, Span<byte> output, int count)
    {
        uint* s = stackalloc uint[16];
        int words = 4 * count;
        for (int i = 0; i < words; i++)
        {
            s[i] = BinaryPrimitives.ReadUInt32LittleEndian(input.Slice(4 * i)) ^ rk[4 * rounds + (i & 3)];
        }

        for (int r = rounds - 1; r >= 0; r--)
        {
            for (int k = 0; k < words; k += 4)
            {
                uint c0 = s[k], c1 = s[k + 1], c2 = s[k + 2], c3 = s[k + 3];
                // InvShiftRows: row r of column c comes from column c - r.
                s[k] = (c0 & 0xff) | (c3 & 0xff00) | (c2 & 0xff0000) | (c1 & 0xff000000);
                s[k + 1] = (c1 & 0xff) | (c0 & 0xff00) | (c3 & 0xff0000) | (c2 & 0xff000000);
                s[k + 2] = (c2 & 0xff) | (c1 & 0xff00) | (c0 & 0xff0000) | (c3 & 0xff000000);
                s[k + 3] = (c3 & 0xff) | (c2 & 0xff00) | (c1 & 0xff0000) | (c0 & 0xff000000);
            }

            SubBytes(s, count, inverse: true);
            for (int i = 0; i < words; i++)
            {
                uint c = s[i] ^ rk[4 * r + (i & 3)];
                s[i] = r != 0 ? InvMixColumn(c) : c;
            }
        }

        for (int i = 0; i < words; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(output.Slice(4 * i), s[i]);
            s[i] = 0;
        }
    }

    /// <summary>InvMixColumns of one column word (used to build AES-NI decryption keys).</summary>
    public static uint InvMixColumn(uint x)
    {
        // InvMixColumns = MixColumns ∘ (multiply by {04}x^2 + {05}), Rijndael spec §4.1.3.
        uint u = XTime4(XTime4(x ^ Ror(x, 16)));
        return MixColumn(x ^ u);
    }

    /// <summary>MixColumns of one column word (FIPS 197 §5.1.3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MixColumn(uint x)
    {
        uint r8 = Ror(x, 8);
        return XTime4(x ^ r8) ^ r8 ^ Ror(x, 16) ^ Ror(x, 24);
    }

    /// <summary>Multiplies each of four packed bytes by {02} without a data-dependent branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint XTime4(uint x) => ((x & 0x7f7f7f7f) << 1) ^ (((x >> 7) & 0x01010101) * 0x1b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Ror(uint x, int n) => (x >> n) | (x << (32 - n));

    private static unsafe uint SubWord(uint w)
    {
        uint* s = stackalloc uint[4];
        s[0] = w;
        s[1] = s[2] = s[3] = 0;
        SubBytes(s, 1, inverse: false);
        return s[0];
    }

    /// <summary>Transposes an 8×8 bit matrix (byte r, bit c) ↔ (byte c, bit r) (Hacker's Delight §7-3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Transpose8(ulong x)
    {
        ulong t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAUL;
        x ^= t ^ (t << 7);
        t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCUL;
        x ^= t ^ (t << 14);
        t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0UL;
        x ^= t ^ (t << 28);
        return x;
    }

    /// <summary>
    /// Applies the S-box (or its inverse) to all bytes of <paramref name="count"/> (1–4) states,
    /// bitsliced: each 8-byte half-state is bit-transposed and becomes one byte of each of the
    /// eight 64-bit planes, so up to 64 bytes go through one constant-time GF(2^8) inversion.
    /// </summary>
    private static unsafe void SubBytes(uint* state, int count, bool inverse)
    {
        ulong* x = stackalloc ulong[8];
        for (int j = 0; j < 8; j++)
        {
            x[j] = 0;
        }

        int halves = 2 * count;
        for (int m = 0; m < halves; m++)
        {
            // Half m covers state bytes 8m..8m+7; after transposition byte j holds their bit j.
            ulong t = Transpose8(state[2 * m] | ((ulong)state[2 * m + 1] << 32));
            for (int j = 0; j < 8; j++)
            {
                x[j] |= ((t >> (8 * j)) & 0xff) << (8 * m);
            }
        }

        if (inverse)
        {
            InverseAffine(x);
            Invert(x);
        }
        else
        {
            Invert(x);
            Affine(x);
        }

        for (int m = 0; m < halves; m++)
        {
            ulong t = 0;
            for (int j = 0; j < 8; j++)
            {
                t |= ((x[j] >> (8 * m)) & 0xff) << (8 * j);
            }

            t = Transpose8(t);
            state[2 * m] = (uint)t;
            state[2 * m + 1] = (uint)(t >> 32);
        }

        for (int j = 0; j < 8; j++)
        {
            x[j] = 0;
        }
    }

    /// <summary>FIPS 197 §5.1.1 affine map: b'_i = b_i ⊕ b_{i+4} ⊕ b_{i+5} ⊕ b_{i+6} ⊕ b_{i+7} ⊕ c_i, c = 0x63.</summary>
    private static unsafe void Affine(ulong* b)
    {
        ulong* s = stackalloc ulong[8];
        for (int i = 0; i < 8; i++)
        {
            s[i] = b[i] ^ b[(i + 4) & 7] ^ b[(i + 5) & 7] ^ b[(i + 6) & 7] ^ b[(i + 7) & 7];
        }

        // 0x63 has bits 0, 1, 5 and 6 set: complement those planes.
        s[0] = ~s[0];
        s[1] = ~s[1];
        s[5] = ~s[5];
        s[6] = ~s[6];
        for (int i = 0; i < 8; i++)
        {
            b[i] = s[i];
        }
    }

    /// <summary>Inverse affine map (FIPS 197 §5.3.2): b_i = b'_{i+2} ⊕ b'_{i+5} ⊕ b'_{i+7} ⊕ d_i, d = 0x05.</summary>
    private static unsafe void InverseAffine(ulong* b)
    {
        ulong* s = stackalloc ulong[8];
        for (int i = 0; i < 8; i++)
        {
            s[i] = b[(i + 2) & 7] ^ b[(i + 5) & 7] ^ b[(i + 7) & 7];
        }

        s[0] = ~s[0];
        s[2] = ~s[2];
        for (int i = 0; i < 8; i++)
        {
            b[i] = s[i];
        }
    }

    /// <summary>x ← x^254 in GF(2^8) (the multiplicative inverse, 0 ↦ 0): 4 multiplications, 7 squarings.</summary>
    private static unsafe void Invert(ulong* x)
    {
        ulong* x2 = stackalloc ulong[8];
        ulong* x3 = stackalloc ulong[8];
        ulong* x12 = stackalloc ulong[8];
        ulong* t = stackalloc ulong[8];
        Square(x2, x);          // x^2
        Multiply(x3, x2, x);    // x^3
        Square(t, x3);          // x^6
        Square(x12, t);         // x^12
        Multiply(t, x12, x3);   // x^15
        Square(t, t);           // x^30
        Square(t, t);           // x^60
        Square(t, t);           // x^120
        Square(t, t);           // x^240
        Multiply(t, t, x12);    // x^252
        Multiply(x, t, x2);     // x^254
    }

    /// <summary>Bitsliced product in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. r may alias a or b.</summary>
    private static unsafe void Multiply(ulong* r, ulong* a, ulong* b)
    {
        ulong* p = stackalloc ulong[15];
        for (int i = 0; i < 15; i++)
        {
            p[i] = 0;
        }

        for (int i = 0; i < 8; i++)
        {
            for (int j = 0; j < 8; j++)
            {
                p[i + j] ^= a[i] & b[j];
            }
        }

        Reduce(r, p);
    }

    /// <summary>Bitsliced square (squaring is linear in GF(2^8): spread the bits, then reduce). r may alias a.</summary>
    private static unsafe void Square(ulong* r, ulong* a)
    {
        ulong* p = stackalloc ulong[15];
        for (int i = 0; i < 7; i++)
        {
            p[2 * i] = a[i];
            p[2 * i + 1] = 0;
        }

        p[14] = a[7];
        Reduce(r, p);
    }

    /// <summary>Reduces a degree-14 bitsliced polynomial with x^8 = x^4 + x^3 + x + 1.</summary>
    private static unsafe void Reduce(ulong* r, ulong* p)
    {
        for (int k = 14; k >= 8; k--)
        {
            p[k - 4] ^= p[k];
            p[k - 5] ^= p[k];
            p[k - 7] ^= p[k];
            p[k - 8] ^= p[k];
        }

        for (int i = 0; i < 8; i++)
        {
            r[i] = p[i];
        }
    }
}
