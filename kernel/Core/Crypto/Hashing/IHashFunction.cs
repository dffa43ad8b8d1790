using System;

namespace Lvbs.Kernel.Crypto.Hashing;

/// <summary>
/// An incremental Merkle–Damgård hash with value-type state. Implemented by structs
/// (<see cref="Sha1"/>, <see cref="Sha256"/>, <see cref="Sha384"/>, <see cref="Sha512"/>) so that
/// generic HMAC, HKDF and PBKDF2 specialise per hash with no boxing and no allocation.
/// A <c>default</c> instance must be <see cref="Reset"/> before use.
/// </summary>
public interface IHashFunction
{
    /// <summary>Digest size in bytes.</summary>
    int HashSizeInBytes { get; }

    /// <summary>Compression-function block size in bytes (64 or 128), as HMAC needs it.</summary>
    int BlockSizeInBytes { get; }

    /// <summary>Sets the state to the algorithm's initial value.</summary>
    void Reset();

    /// <summary>Absorbs more message bytes.</summary>
    void Append(ReadOnlySpan<byte> data);

    /// <summary>
    /// Pads, writes the digest to the first <see cref="HashSizeInBytes"/> bytes of
    /// <paramref name="destination"/> and resets. A too-small destination is a caller bug (panic).
    /// </summary>
    void Finish(Span<byte> destination);

    /// <summary>Zeroes the state (including buffered message bytes).</summary>
    void Clear();
}
