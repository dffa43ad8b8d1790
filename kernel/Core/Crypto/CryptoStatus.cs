namespace Lvbs.Kernel.Crypto;

/// <summary>
/// Outcome of a cryptographic operation whose inputs may come from an untrusted party (VTL0, a
/// trusted app, a file). The library never throws for such input; it returns one of these.
/// </summary>
public enum CryptoStatus
{
    /// <summary>The operation completed.</summary>
    Success = 0,

    /// <summary>A key has a length the algorithm does not define (e.g. a 20-byte AES key).</summary>
    InvalidKeyLength,

    /// <summary>An input has a length the algorithm or mode does not accept.</summary>
    InvalidLength,

    /// <summary>The destination is too small for the result.</summary>
    BufferTooSmall,

    /// <summary>A parameter is outside its defined range (iteration count, output size, nonce size...).</summary>
    InvalidParameter,

    /// <summary>A tag or MAC did not verify; no plaintext was released.</summary>
    AuthenticationFailed,

    /// <summary>CBC PKCS#7 padding was malformed.</summary>
    PaddingError,

    /// <summary>The requested implementation (e.g. AES-NI) is not available on this processor.</summary>
    NotSupported,

    /// <summary>No entropy source is attached, or it returned no data.</summary>
    EntropyUnavailable,

    /// <summary>The entropy source failed an SP 800-90B health test; the DRBG is in the error state.</summary>
    EntropyHealthTestFailed,

    /// <summary>The DRBG was used before it was instantiated, or after it entered the error state.</summary>
    NotInstantiated,

    /// <summary>The DRBG reached its reseed interval and no entropy was available to reseed.</summary>
    ReseedRequired,
}
