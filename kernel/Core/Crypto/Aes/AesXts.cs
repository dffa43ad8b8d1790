using System;

namespace Lvbs.Kernel.Crypto.Aes;

/// <summary>
/// XTS-AES (IEEE 1619-2018, SP 800-38E) for storage: a 32- or 64-byte key (Key1 || Key2), a
/// 16-byte tweak per data unit (the data-unit number, little-endian), data units of at least
/// 16 bytes with ciphertext stealing for a partial last block. Keys whose halves are equal are
/// rejected (IEEE 1619-2018 §5.1 / FIPS 140 IG). Tweak doubling is branch-free.
/// </summary>
public sealed class AesXts : IDisposable
{
    private readonly AesKey _dataKey = new AesKey();
    private readonly AesKey _tweakKey = new AesKey();

    /// <summary>Sets Key1 || Key2 (32 bytes for XTS-AES-128, 64 for XTS-AES-256).</summary>
    public CryptoStatus SetKey(ReadOnlySpan<byte> key, AesImplementation implementation = AesImplementation.Automatic)
    {
        Clear();
        if (key.Length != 32 && key.Length != 64)
        {
            return CryptoStatus.InvalidKeyLength;
        }

        int half = key.Length / 2;
        if (FixedTime.AreEqual(key.Slice(0, half), key.Slice(half)))
        {
            return CryptoStatus.InvalidParameter;
        }

        CryptoStatus status = _dataKey.SetKey(key.Slice(0, half), implementation);
        if (status == CryptoStatus.Success)
        {
            status = _tweakKey.SetKey(key.Slice(half), implementation);
        }

        if (status != CryptoStatus.Success)
        {
            Clear();
        }

        return status;
    }

    /// <summary>Zeroes the key material (same as Clear); the object may be re-keyed afterwards.</summary>
    public void Dispose() => Clear();

    /// <summary>Zeroes both key schedules.</summary>
    public void Clear()
    {
        _dataKey.Clear();
        _tweakKey.Clear();
    }

    /// <summary>Encrypts one data unit (≥ 16 bytes). In-place is allowed.</summary>
    public CryptoStatus Encrypt(ReadOnlySpan<byte> tweak, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext) =>
        Transform(tweak, plaintext, ciphertext, encrypt: true);

    /// <summary>Decrypts one data unit (≥ 16 bytes). In-place is allowed.</summary>
    public CryptoStatus Decrypt(ReadOnlySpan<byte> tweak, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext) =>
        Transform(tweak, ciphertext, plaintext, encrypt: false);

    private CryptoStatus Transform(ReadOnlySpan<byte> tweak, ReadOnlySpan<byte> source, Span<byte> destination, bool encrypt)
    {
        if (!_dataKey.HasKey || tweak.Length != 16)
        {
            return CryptoStatus.InvalidParameter;
        }

        if (source.Length < 16)
        {
            return CryptoStatus.InvalidLength;
        }

        if (destination.Length < source.Length)
        {
            return CryptoStatus.BufferTooSmall;
        }

        Span<byte> t = stackalloc byte[16];
        Span<byte> block = stackalloc byte[16];
        _tweakKey.EncryptBlock(tweak, t);
        int full = source.Length / 16;
        int partial = source.Length % 16;
        // With stealing, the last full block is handled together with the partial one.
        int plain = partial == 0 ? full : full - 1;
        for (int i = 0; i < plain; i++)
        {
            Block(source.Slice(16 * i, 16), destination.Slice(16 * i, 16), t, encrypt);
            Double(t);
        }

        if (partial != 0)
        {
            // IEEE 1619 §5.3.2 / §5.4.2: the last full block uses tweak T_{m-1} on encryption and
            // T_m on decryption; the stolen block uses the other one.
            int m = 16 * plain;
            Span<byte> next = stackalloc byte[16];
            t.CopyTo(next);
            Double(next);
            Span<byte> first = encrypt ? t : next;
            Span<byte> second = encrypt ? next : t;
            Block(source.Slice(m, 16), block, first, encrypt);
            // block = CC (enc) / PP (dec); its head becomes the short final output.
            Span<byte> steal = stackalloc byte[16];
            source.Slice(m + 16, partial).CopyTo(steal);
            block.Slice(partial).CopyTo(steal.Slice(partial));
            block.Slice(0, partial).CopyTo(destination.Slice(m + 16, partial));
            Block(steal, destination.Slice(m, 16), second, encrypt);
            steal.Clear();
            next.Clear();
        }

        t.Clear();
        block.Clear();
        return CryptoStatus.Success;
    }

    /// <summary>C = E(K1, P ⊕ T) ⊕ T (or the decryption analogue) for one block.</summary>
    private void Block(ReadOnlySpan<byte> input, Span<byte> output, ReadOnlySpan<byte> t, bool encrypt)
    {
        Span<byte> x = stackalloc byte[16];
        for (int i = 0; i < 16; i++)
        {
            x[i] = (byte)(input[i] ^ t[i]);
        }

        if (encrypt)
        {
            _dataKey.EncryptBlocks(x, x);
        }
        else
        {
            _dataKey.DecryptBlocks(x, x);
        }

        for (int i = 0; i < 16; i++)
        {
            output[i] = (byte)(x[i] ^ t[i]);
        }

        x.Clear();
    }

    /// <summary>T ← T·α in GF(2^128), little-endian byte order (IEEE 1619 §5.2), branch-free.</summary>
    private static void Double(Span<byte> t)
    {
        int carry = t[15] >> 7;
        for (int i = 15; i > 0; i--)
        {
            t[i] = (byte)((t[i] << 1) | (t[i - 1] >> 7));
        }

        t[0] = (byte)((t[0] << 1) ^ (0x87 & -carry));
    }
}
