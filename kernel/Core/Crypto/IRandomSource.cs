using System;

namespace Lvbs.Kernel.Crypto;

/// <summary>
/// A source of cryptographically secure random bytes (a DRBG in the kernel, a seeded generator
/// in tests). Used by key generation, signature nonces and RSA blinding.
/// </summary>
public interface IRandomSource
{
    /// <summary>
    /// Fills <paramref name="destination"/> entirely with random bytes, or returns a failure
    /// status (e.g. <see cref="CryptoStatus.EntropyUnavailable"/>) and the caller must not use it.
    /// </summary>
    CryptoStatus GetBytes(Span<byte> destination);
}
