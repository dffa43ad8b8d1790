using System;
using BenchmarkDotNet.Attributes;
using Lvbs.Kernel.Crypto.Hashing;
using Lvbs.Kernel.Crypto.Mac;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace Lvbs.Benchmarks.Crypto;

/// <summary>HMAC-SHA256 of 1 KiB with a 32-byte key, keying included in every operation for all three.</summary>
public class HmacSha256Benchmarks
{
    private readonly byte[] _key = new byte[32];
    private readonly byte[] _data = new byte[1024];
    private readonly byte[] _mac = new byte[32];

    /// <summary>Fills key and input.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(2);
        rng.NextBytes(_key);
        rng.NextBytes(_data);
    }

    /// <summary>The kernel's HMAC&lt;Sha256&gt;.</summary>
    [Benchmark(Baseline = true)]
    public byte[] Ours()
    {
        Hmac<Sha256>.Compute(_key, _data, _mac);
        return _mac;
    }

    /// <summary>BouncyCastle's HMac over Sha256Digest.</summary>
    [Benchmark]
    public byte[] BouncyCastle()
    {
        var h = new HMac(new Sha256Digest());
        h.Init(new KeyParameter(_key));
        h.BlockUpdate(_data, 0, _data.Length);
        h.DoFinal(_mac, 0);
        return _mac;
    }

    /// <summary>.NET HMACSHA256.HashData.</summary>
    [Benchmark]
    public byte[] DotNet()
    {
        System.Security.Cryptography.HMACSHA256.HashData(_key, _data, _mac);
        return _mac;
    }
}
