using System;
using Lvbs.Kernel.Crypto;

namespace Lvbs.Crypto.Conformance;

/// <summary>
/// The random source for RSA blinding during conformance runs: System.Random with a fixed seed,
/// so runs are reproducible. Blinding values only mask timing; decryption results do not depend
/// on them, so no cryptographic generator is needed here.
/// </summary>
internal sealed class BlindingRandom : IRandomSource
{
    private readonly Random _random = new(0x5eed);

    /// <inheritdoc/>
    public CryptoStatus GetBytes(Span<byte> destination)
    {
        _random.NextBytes(destination);
        return CryptoStatus.Success;
    }
}
