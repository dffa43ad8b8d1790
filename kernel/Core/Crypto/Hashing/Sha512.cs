using System;

namespace Lvbs.Kernel.Crypto.Hashing;

/// <summary>
/// SHA-512 (FIPS 180-4 §6.4) as an incremental hasher with inline state.
/// Constant-time in the message contents.
/// </summary>
public struct Sha512 : IHashFunction
{
    /// <summary>Digest size in bytes.</summary>
    public const int HashSize = 64;

    /// <summary>Block size in bytes.</summary>
    public const int BlockSize = 128;

    private Sha512Core _core;

    /// <inheritdoc/>
    public readonly int HashSizeInBytes => HashSize;

    /// <inheritdoc/>
    public readonly int BlockSizeInBytes => BlockSize;

    /// <summary>A ready-to-use hasher.</summary>
    public static Sha512 Create()
    {
        Sha512 h = default;
        h.Reset();
        return h;
    }

    /// <summary>One-shot SHA-512 of <paramref name="data"/> into <paramref name="destination"/> (≥ 64 bytes).</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Sha512 h = Create();
        h.Append(data);
        h.Finish(destination);
    }

    /// <inheritdoc/>
    public void Reset() => _core.Reset(sha384: false);

    /// <inheritdoc/>
    public void Append(ReadOnlySpan<byte> data) => _core.Append(data);

    /// <inheritdoc/>
    public void Finish(Span<byte> destination)
    {
        _core.Finish(destination, HashSize);
        Reset();
    }

    /// <inheritdoc/>
    public void Clear() => _core.Clear();
}
