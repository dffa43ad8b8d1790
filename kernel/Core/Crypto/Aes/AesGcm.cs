using System;
using System.Buffers.Binary;

namespace Lvbs.Kernel.Crypto.Aes;

/// <summary>
/// AES-GCM authenticated encryption (SP 800-38D). Keyed once; encrypt/decrypt allocate nothing.
/// Decryption computes and checks the tag (in constant time) before writing any plaintext.
/// IVs of any length from 1 byte are accepted (96 bits is the fast, recommended case); tags of
/// 12 to 16 bytes (§5.2.1.2; the 32/64-bit tags of Appendix C are not offered).
/// </summary>
public sealed class AesGcm : IDisposable
{
    /// <summary>Recommended IV size in bytes.</summary>
    public const int NonceSize = 12;

    /// <summary>Full tag size in bytes.</summary>
    public const int TagSize = 16;

    /// <summary>Shortest tag accepted.</summary>
    public const int MinTagSize = 12;

    private readonly AesKey _key = new AesKey();
    private readonly byte[] _h = new byte[16];
    private readonly byte[] _hPowers = new byte[GhashIntrinsics.KeyBytes];
    private bool _clmul;

    /// <summary>True if GHASH runs on PCLMULQDQ.</summary>
    public bool UsesHardwareGhash => _clmul;

    /// <summary>True if AES runs on AES-NI.</summary>
    public bool UsesHardwareAes => _key.UsesHardware;

    /// <summary>Sets the key (16, 24 or 32 bytes). GHASH follows the AES choice: software AES means software GHASH.</summary>
    public CryptoStatus SetKey(ReadOnlySpan<byte> key, AesImplementation implementation = AesImplementation.Automatic)
    {
        Clear();
        CryptoStatus status = _key.SetKey(key, implementation);
        if (status != CryptoStatus.Success)
        {
            return status;
        }

        // H = E(K, 0^128) (§6.4).
        _key.EncryptBlock(_h, _h);
        _clmul = _key.UsesHardware && GhashIntrinsics.IsSupported;
        if (_clmul)
        {
            GhashIntrinsics.Init(_h, _hPowers);
        }

        return CryptoStatus.Success;
    }

    /// <summary>Zeroes the key material (same as Clear); the object may be re-keyed afterwards.</summary>
    public void Dispose() => Clear();

    /// <summary>Zeroes the key schedule and hash key.</summary>
    public void Clear()
    {
        _key.Clear();
        _h.AsSpan().Clear();
        _hPowers.AsSpan().Clear();
        _clmul = false;
    }

    /// <summary>
    /// Encrypts (§7.1). <paramref name="ciphertext"/> must be at least as long as the plaintext
    /// (may be the same buffer); the tag length is <paramref name="tag"/>.Length (12–16).
    /// </summary>
    public CryptoStatus Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> ciphertext, Span<byte> tag)
    {
        CryptoStatus status = Check(nonce, plaintext.Length, ciphertext.Length, tag.Length);
        if (status != CryptoStatus.Success)
        {
            return status;
        }

        Span<byte> j0 = stackalloc byte[16];
        Span<byte> counter = stackalloc byte[16];
        DeriveJ0(nonce, j0);
        j0.CopyTo(counter);
        AesCtr.Increment(counter, true);
        AesCtr.Keystream(_key, counter, true, plaintext, ciphertext);
        ComputeTag(j0, associatedData, ciphertext.Slice(0, plaintext.Length), tag);
        return CryptoStatus.Success;
    }

    /// <summary>
    /// Verifies the tag and decrypts (§7.2). Returns <see cref="CryptoStatus.AuthenticationFailed"/>
    /// without writing any plaintext if the tag does not match.
    /// </summary>
    public CryptoStatus Decrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
    {
        CryptoStatus status = Check(nonce, ciphertext.Length, plaintext.Length, tag.Length);
        if (status != CryptoStatus.Success)
        {
            return status;
        }

        Span<byte> j0 = stackalloc byte[16];
        Span<byte> expected = stackalloc byte[16];
        DeriveJ0(nonce, j0);
        ComputeTag(j0, associatedData, ciphertext, expected.Slice(0, tag.Length));
        if (!FixedTime.AreEqual(expected.Slice(0, tag.Length), tag))
        {
            return CryptoStatus.AuthenticationFailed;
        }

        Span<byte> counter = stackalloc byte[16];
        j0.CopyTo(counter);
        AesCtr.Increment(counter, true);
        AesCtr.Keystream(_key, counter, true, ciphertext, plaintext);
        return CryptoStatus.Success;
    }

    private CryptoStatus Check(ReadOnlySpan<byte> nonce, int inputLength, int outputLength, int tagLength)
    {
        if (!_key.HasKey)
        {
            return CryptoStatus.InvalidParameter;
        }

        // §5.2.1.1: IV length ≥ 1 bit (we take whole bytes); P ≤ 2^39 − 256 bits holds for any int length.
        if (nonce.IsEmpty || tagLength < MinTagSize || tagLength > TagSize)
        {
            return CryptoStatus.InvalidParameter;
        }

        return outputLength < inputLength ? CryptoStatus.BufferTooSmall : CryptoStatus.Success;
    }

    /// <summary>J0 = IV || 0^31 || 1 for 96-bit IVs, else GHASH(IV || 0^(s+64) || [len(IV)]_64) (§7.1 step 2).</summary>
    private void DeriveJ0(ReadOnlySpan<byte> nonce, Span<byte> j0)
    {
        j0.Clear();
        if (nonce.Length == NonceSize)
        {
            nonce.CopyTo(j0);
            j0[15] = 1;
            return;
        }

        GhashPadded(j0, nonce);
        Span<byte> lengths = stackalloc byte[16];
        lengths.Clear();
        BinaryPrimitives.WriteUInt64BigEndian(lengths.Slice(8), (ulong)nonce.Length * 8);
        Ghash(j0, lengths);
    }

    /// <summary>T = MSB_t(E(K, J0) ⊕ GHASH(A || 0^v || C || 0^u || [len(A)]_64 || [len(C)]_64)) (§7.1 steps 5–6).</summary>
    private void ComputeTag(ReadOnlySpan<byte> j0, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> ciphertext, Span<byte> tag)
    {
        Span<byte> s = stackalloc byte[16];
        s.Clear();
        GhashPadded(s, aad);
        GhashPadded(s, ciphertext);
        Span<byte> lengths = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(lengths, (ulong)aad.Length * 8);
        BinaryPrimitives.WriteUInt64BigEndian(lengths.Slice(8), (ulong)ciphertext.Length * 8);
        Ghash(s, lengths);
        Span<byte> ek = stackalloc byte[16];
        _key.EncryptBlock(j0, ek);
        for (int i = 0; i < tag.Length; i++)
        {
            tag[i] = (byte)(ek[i] ^ s[i]);
        }

        ek.Clear();
        s.Clear();
    }

    /// <summary>GHASH over data zero-padded to a whole number of blocks.</summary>
    private void GhashPadded(Span<byte> y, ReadOnlySpan<byte> data)
    {
        int whole = data.Length & ~15;
        Ghash(y, data.Slice(0, whole));
        if (whole < data.Length)
        {
            Span<byte> last = stackalloc byte[16];
            last.Clear();
            data.Slice(whole).CopyTo(last);
            Ghash(y, last);
        }
    }

    private void Ghash(Span<byte> y, ReadOnlySpan<byte> blocks)
    {
        if (_clmul)
        {
            GhashIntrinsics.Update(_hPowers, y, blocks);
        }
        else
        {
            GhashSoftware.Update(_h, y, blocks);
        }
    }
}
