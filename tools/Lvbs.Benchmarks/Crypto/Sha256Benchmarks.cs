using System;
using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Crypto.Digests;

namespace Lvbs.Benchmarks.Crypto;

/// <summary>SHA-256 of 1 MiB.</summary>
public class Sha256Benchmarks
{
    private readonly byte[] _data = new byte[1 << 20];
    private readonly byte[] _digest = new byte[32];

    /// <summary>Fills the input.</summary>
    [GlobalSetup]
    public void Setup() => new Random(1).NextBytes(_data);

    /// <summary>The kernel's SHA-256.</summary>
    [Benchmark(Baseline = true)]
    public byte[] Ours()
    {
        Lvbs.Kernel.Crypto.Hashing.Sha256.Hash(_data, _digest);
        return _digest;
    }

    /// <summary>BouncyCastle's Sha256Digest.</summary>
    [Benchmark]
    public byte[] BouncyCastle()
    {
        var d = new Sha256Digest();
        d.BlockUpdate(_data, 0, _data.Length);
        d.DoFinal(_digest, 0);
        return _digest;
    }

    /// <summary>.NET System.Security.Cryptography (OpenSSL on Linux).</summary>
    [Benchmark]
    public byte[] DotNet()
    {
        System.Security.Cryptography.SHA256.HashData(_data, _digest);
        return _digest;
    }
}
