using System;
using Lvbs.Kernel.Crypto;

namespace Lvbs.Tests.Unit.Crypto.Asymmetric;

/// <summary>A deterministic <see cref="IRandomSource"/> for tests (System.Random with a fixed seed).</summary>
public sealed class SeededRandom : IRandomSource
{
    private readonly Random _random;

    /// <summary>Creates a generator with the given seed.</summary>
    public SeededRandom(int seed) => _random = new Random(seed);

    /// <summary>The underlying generator, for drawing test inputs.</summary>
    public Random Inner => _random;

    /// <inheritdoc/>
    public CryptoStatus GetBytes(Span<byte> destination)
    {
        _random.NextBytes(destination);
        return CryptoStatus.Success;
    }

    /// <summary>Random bytes of the given length.</summary>
    public byte[] Bytes(int length)
    {
        byte[] b = new byte[length];
        _random.NextBytes(b);
        return b;
    }
}

/// <summary>A random source that always fails, to test error propagation.</summary>
public sealed class FailingRandom : IRandomSource
{
    /// <inheritdoc/>
    public CryptoStatus GetBytes(Span<byte> destination) => CryptoStatus.EntropyUnavailable;
}
