using System;
using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using OurGcm = Lvbs.Kernel.Crypto.Aes.AesGcm;

namespace Lvbs.Benchmarks.Crypto;

/// <summary>
/// AES-256-GCM encryption of 16 KiB (12-byte nonce, 16-byte tag, no AAD), keyed once in setup
/// for all three, as a long-lived session key would be.
/// </summary>
public class AesGcmBenchmarks
{
    private readonly byte[] _key = new byte[32];
    private readonly byte[] _nonce = new byte[12];
    private readonly byte[] _plain = new byte[16 * 1024];
    private readonly byte[] _cipher = new byte[16 * 1024];
    private readonly byte[] _bcOut = new byte[16 * 1024 + 16];
    private readonly byte[] _tag = new byte[16];
    private readonly OurGcm _ours = new OurGcm();
    private System.Security.Cryptography.AesGcm? _dotnet;
    private GcmBlockCipher? _bc;
    private KeyParameter? _bcKey;

    /// <summary>Keys all three implementations.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(3);
        rng.NextBytes(_key);
        rng.NextBytes(_plain);
        _ours.SetKey(_key);
        _dotnet = new System.Security.Cryptography.AesGcm(_key, 16);
        _bc = new GcmBlockCipher(new AesEngine());
        _bcKey = new KeyParameter(_key);
    }

    /// <summary>The kernel's AesGcm (AES-NI + PCLMULQDQ when available).</summary>
    [Benchmark(Baseline = true)]
    public byte[] Ours()
    {
        _ours.Encrypt(_nonce, _plain, default, _cipher, _tag);
        return _tag;
    }

    /// <summary>The kernel's AesGcm forced onto the constant-time software path (for reference).</summary>
    [Benchmark]
    public byte[] OursSoftware()
    {
        SoftwareGcm.Encrypt(_nonce, _plain, default, _cipher, _tag);
        return _tag;
    }

    private OurGcm SoftwareGcm
    {
        get
        {
            if (_software == null)
            {
                _software = new OurGcm();
                _software.SetKey(_key, Lvbs.Kernel.Crypto.Aes.AesImplementation.Software);
            }

            return _software;
        }
    }

    private OurGcm? _software;

    /// <summary>BouncyCastle's GcmBlockCipher over AesEngine (re-initialised per message, as nonces must change).</summary>
    [Benchmark]
    public byte[] BouncyCastle()
    {
        // A fresh nonce per call would be required in real use; BouncyCastle refuses to re-init
        // with the same nonce for encryption, so alternate the first byte.
        _nonce[0] ^= 1;
        _bc!.Init(true, new AeadParameters(_bcKey!, 128, _nonce));
        int n = _bc.ProcessBytes(_plain, 0, _plain.Length, _bcOut, 0);
        _bc.DoFinal(_bcOut, n);
        return _bcOut;
    }

    /// <summary>.NET System.Security.Cryptography.AesGcm (OpenSSL).</summary>
    [Benchmark]
    public byte[] DotNet()
    {
        _dotnet!.Encrypt(_nonce, _plain, _cipher, _tag);
        return _tag;
    }
}
