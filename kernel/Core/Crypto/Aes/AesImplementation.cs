namespace Lvbs.Kernel.Crypto.Aes;

/// <summary>
/// Which AES (and GHASH) implementation a key uses. <see cref="Automatic"/> picks AES-NI and
/// PCLMULQDQ when the processor has them; tests force <see cref="Software"/> to exercise the
/// constant-time fallback on machines that have AES-NI.
/// </summary>
public enum AesImplementation
{
    /// <summary>Hardware when available, otherwise software.</summary>
    Automatic = 0,

    /// <summary>The constant-time bitsliced software path.</summary>
    Software,

    /// <summary>AES-NI (and PCLMULQDQ for GHASH); <see cref="CryptoStatus.NotSupported"/> if absent.</summary>
    Hardware,
}
