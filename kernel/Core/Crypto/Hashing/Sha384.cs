using System;

namespace Lvbs.Kernel.Crypto.Hashing;

/// <summary>
/// SHA-384 (FIPS 180-4 §6.5) as an incremental hasher with inline state.
/// Constant-time in the message contents.
/// </summary>
public struct Sha384 : IHashFunction
{
    /// <summary>Digest size in bytes.</summary>
    public const int HashSize = 48;

    /// <summary>Block size in bytes.</summary>
    public const int BlockSize = 128;

    private Sha512Core _core;

    /// <inheritdoc/>
    public readonly int HashSizeInBytes => HashSize;

    /// <inheritdoc/>
    public readonly int BlockSizeInBytes => BlockSize;

    /// <summary>A ready-to-use hasher.</summary>
    public static Sha384 Create()
    {
        Sha384 h = default;
        h.Reset();
        return h;
    }

    /// <summary>One-shot SHA-384 of <paramref name="data"/> into <paramref name="destination"/> (≥ 48 bytes).</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Sha384 h = Create();
        h.Append(data);
        h.Finish(destination);
    }

    /// <inheritdoc/>
    public void Reset() => _core.Reset(sha384: true);

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
