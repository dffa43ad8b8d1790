using System;
using BenchmarkDotNet.Attributes;
using Lvbs.Kernel.Crypto.Hashing;
using Org.BouncyCastle.Crypto.Digests;

namespace Lvbs.Benchmarks.Crypto;

/// <summary>
/// SHA-256 of 1 MiB: the kernel's <see cref="Sha256"/> with the engine installed at start-up
/// (SHA-NI where the CPU has it, see the "kernel SHA-256 engine" line), the kernel's portable C#
/// engine explicitly, BouncyCastle and .NET (OpenSSL).
/// </summary>
public class Sha256Benchmarks
{
    private readonly byte[] _data = new byte[1 << 20];
    private readonly byte[] _digest = new byte[32];

    /// <summary>Fills the input.</summary>
    [GlobalSetup]
    public void Setup() => new Random(1).NextBytes(_data);

    /// <summary>The kernel's SHA-256 with the active (installed) engine.</summary>
    [Benchmark(Baseline = true)]
    public byte[] Ours()
    {
        Sha256.Hash(_data, _digest);
        return _digest;
    }

    /// <summary>The kernel's SHA-256 with the portable C# engine.</summary>
    [Benchmark]
    public byte[] OursPortable()
    {
        Sha256.Hash(_data, _digest, Sha256Engines.Portable);
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
