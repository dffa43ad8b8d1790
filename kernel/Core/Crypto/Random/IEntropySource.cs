using System;

namespace Lvbs.Kernel.Crypto.Random;

/// <summary>
/// A raw noise source (SP 800-90B §2.2): RDSEED/RDRAND in the image, a known-answer stream in
/// tests. It yields 8-bit samples; the DRBG runs the SP 800-90B health tests on them and draws
/// enough samples to collect the min-entropy it needs.
/// </summary>
public interface IEntropySource
{
    /// <summary>
    /// Assessed min-entropy per 8-bit sample, in whole bits (1–8; 8 means full entropy, as for
    /// RDSEED). The health-test cutoffs and the number of samples drawn depend on it.
    /// </summary>
    int MinEntropyBitsPerSample { get; }

    /// <summary>
    /// Fills <paramref name="samples"/> with raw samples. Returns
    /// <see cref="CryptoStatus.EntropyUnavailable"/> if the hardware did not deliver (e.g.
    /// RDSEED kept failing); the DRBG then refuses to produce output.
    /// </summary>
    CryptoStatus ReadSamples(Span<byte> samples);
}
