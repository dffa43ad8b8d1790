using System;
using System.Runtime.InteropServices;

namespace Lvbs.Kernel.Crypto.Aes;

/// <summary>
/// An expanded AES-128/192/256 key (FIPS 197 §5.2) and the block-level primitives the modes use.
/// Allocate once and re-key with <see cref="SetKey"/>; <see cref="Clear"/> zeroes the schedule.
/// Both implementations are constant-time (see <see cref="AesSoftware"/> and AES-NI).
/// </summary>
public sealed class AesKey : IDisposable
{
    /// <summary>AES block size in bytes.</summary>
    public const int BlockSize = 16;

    // 15 round keys of 16 bytes: the FIPS 197 schedule, and the "equivalent inverse cipher"
    // schedule (§5.3.5) in AESDEC order, which only the AES-NI path uses.
    private readonly uint[] _encrypt = new uint[60];
    private readonly uint[] _decrypt = new uint[60];
    private int _rounds;
    private bool _hardware;

    /// <summary>Number of rounds (10, 12 or 14), or 0 when no key is set.</summary>
    public int Rounds => _rounds;

    /// <summary>True when this key runs on AES-NI.</summary>
    public bool UsesHardware => _hardware;

    /// <summary>True once <see cref="SetKey"/> succeeded (and until <see cref="Clear"/>).</summary>
    public bool HasKey => _rounds != 0;

    /// <summary>
    /// Expands a 16-, 24- or 32-byte key. Returns <see cref="CryptoStatus.InvalidKeyLength"/>
    /// for any other length and <see cref="CryptoStatus.NotSupported"/> when
    /// <see cref="AesImplementation.Hardware"/> is asked for on a processor without AES-NI;
    /// on failure the previous key (if any) is cleared.
    /// </summary>
    public CryptoStatus SetKey(ReadOnlySpan<byte> key, AesImplementation implementation = AesImplementation.Automatic)
    {
        Clear();
        int rounds;
        switch (key.Length)
        {
            case 16:
                rounds = 10;
                break;
            case 24:
                rounds = 12;
                break;
            case 32:
                rounds = 14;
                break;
            default:
                return CryptoStatus.InvalidKeyLength;
        }

        bool hardware;
        switch (implementation)
        {
            case AesImplementation.Automatic:
                hardware = AesIntrinsics.IsSupported;
                break;
            case AesImplementation.Software:
                hardware = false;
                break;
            case AesImplementation.Hardware:
                if (!AesIntrinsics.IsSupported)
                {
                    return CryptoStatus.NotSupported;
                }

                hardware = true;
                break;
            default:
                return CryptoStatus.InvalidParameter;
        }

        AesSoftware.ExpandKey(key, _encrypt, rounds);
        // Equivalent inverse cipher: round keys in reverse order, InvMixColumns on the middle ones.
        for (int r = 0; r <= rounds; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                uint w = _encrypt[4 * (rounds - r) + c];
                _decrypt[4 * r + c] = r == 0 || r == rounds ? w : AesSoftware.InvMixColumn(w);
            }
        }

        _rounds = rounds;
        _hardware = hardware;
        return CryptoStatus.Success;
    }

    /// <summary>Zeroes the key material (same as Clear); the object may be re-keyed afterwards.</summary>
    public void Dispose() => Clear();

    /// <summary>Zeroes both schedules.</summary>
    public void Clear()
    {
        _encrypt.AsSpan().Clear();
        _decrypt.AsSpan().Clear();
        _rounds = 0;
        _hardware = false;
    }

    /// <summary>
    /// Encrypts whole blocks (ECB). <paramref name="source"/> and <paramref name="destination"/>
    /// have the same length, a multiple of 16, and may be the same buffer (caller invariant).
    /// </summary>
    internal void EncryptBlocks(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CheckKey();
        if (_hardware)
        {
            AesIntrinsics.EncryptBlocks(EncryptionKeyBytes, _rounds, source, destination);
            return;
        }

        for (int i = 0; i + BlockSize <= source.Length; i += 4 * BlockSize)
        {
            int n = Math.Min(4, (source.Length - i) / BlockSize);
            AesSoftware.EncryptBlocks(_encrypt, _rounds, source.Slice(i, n * BlockSize), destination.Slice(i, n * BlockSize), n);
        }
    }

    /// <summary>Decrypts whole blocks (ECB); same invariants as <see cref="EncryptBlocks"/>.</summary>
    internal void DecryptBlocks(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CheckKey();
        if (_hardware)
        {
            AesIntrinsics.DecryptBlocks(DecryptionKeyBytes, _rounds, source, destination);
            return;
        }

        for (int i = 0; i + BlockSize <= source.Length; i += 4 * BlockSize)
        {
            int n = Math.Min(4, (source.Length - i) / BlockSize);
            AesSoftware.DecryptBlocks(_encrypt, _rounds, source.Slice(i, n * BlockSize), destination.Slice(i, n * BlockSize), n);
        }
    }

    /// <summary>Encrypts one block (may be in place).</summary>
    internal void EncryptBlock(ReadOnlySpan<byte> source, Span<byte> destination) =>
        EncryptBlocks(source.Slice(0, BlockSize), destination.Slice(0, BlockSize));

    /// <summary>The encryption schedule as 16-byte round keys, for the AES-NI code.</summary>
    internal ReadOnlySpan<byte> EncryptionKeyBytes => MemoryMarshal.AsBytes(_encrypt.AsSpan());

    /// <summary>The equivalent-inverse-cipher schedule as 16-byte round keys, for the AES-NI code.</summary>
    internal ReadOnlySpan<byte> DecryptionKeyBytes => MemoryMarshal.AsBytes(_decrypt.AsSpan());

    private void CheckKey()
    {
        if (_rounds == 0)
        {
            // Using an unkeyed AesKey is a programming error, not bad input.
            throw new InvalidOperationException("AES key not set");
        }
    }
}
