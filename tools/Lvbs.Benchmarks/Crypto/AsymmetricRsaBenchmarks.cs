using System;
using BenchmarkDotNet.Attributes;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Rsa;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;
using SysRsa = System.Security.Cryptography.RSA;

namespace Lvbs.Benchmarks.Crypto;

/// <summary>RSA-2048 PKCS#1 v1.5 SHA-256 sign (CRT; ours also blinds) and RSA-4096 verify.</summary>
public class AsymmetricRsaBenchmarks
{
    private readonly byte[] _digest = new byte[32];
    private readonly byte[] _sig2048 = new byte[256];
    private RsaPrivateKey? _ours2048;
    private RsaPublicKey? _ours4096;
    private byte[]? _sig4096;
    private RsaDigestSigner? _bcSigner;
    private RsaDigestSigner? _bcVerifier;
    private SysRsa? _dotnet2048;
    private SysRsa? _dotnet4096;
    private readonly DeterministicRandom _random = new DeterministicRandom();

    private sealed class DeterministicRandom : IRandomSource
    {
        private readonly Random _r = new Random(1);

        public CryptoStatus GetBytes(Span<byte> destination)
        {
            _r.NextBytes(destination);
            return CryptoStatus.Success;
        }
    }

    /// <summary>Creates the keys with .NET and imports them everywhere.</summary>
    [GlobalSetup]
    public void Setup()
    {
        new Random(2048).NextBytes(_digest);
        _dotnet2048 = SysRsa.Create(2048);
        _dotnet4096 = SysRsa.Create(4096);
        var p = _dotnet2048.ExportParameters(true);
        RsaPrivateKey.TryCreate(p.Modulus, p.Exponent, p.D, p.P, p.Q, out _ours2048);
        var p4 = _dotnet4096.ExportParameters(true);
        RsaPublicKey.TryCreate(p4.Modulus, p4.Exponent, out _ours4096);
        _sig4096 = _dotnet4096.SignHash(_digest, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);

        static BcBigInteger B(byte[]? v) => new BcBigInteger(1, v!);
        _bcSigner = new RsaDigestSigner(new Sha256Digest());
        _bcSigner.Init(true, new RsaPrivateCrtKeyParameters(B(p.Modulus), B(p.Exponent), B(p.D), B(p.P), B(p.Q), B(p.DP), B(p.DQ), B(p.InverseQ)));
        _bcVerifier = new RsaDigestSigner(new Sha256Digest());
        _bcVerifier.Init(false, new RsaKeyParameters(false, B(p4.Modulus), B(p4.Exponent)));
    }

    /// <summary>Ours: RSA-2048 sign.</summary>
    [Benchmark(Baseline = true)]
    public CryptoStatus Sign2048Ours() => Pkcs1v15Signature.Sign(_ours2048!, DigestAlgorithm.Sha256, _digest, _sig2048, _random);

    /// <summary>BouncyCastle: RSA-2048 sign (hashes 32 bytes first; negligible).</summary>
    [Benchmark]
    public byte[] Sign2048BouncyCastle()
    {
        _bcSigner!.BlockUpdate(_digest, 0, _digest.Length);
        return _bcSigner.GenerateSignature();
    }

    /// <summary>.NET (OpenSSL): RSA-2048 sign.</summary>
    [Benchmark]
    public byte[] Sign2048DotNet() => _dotnet2048!.SignHash(_digest, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);

    /// <summary>Ours: RSA-4096 verify.</summary>
    [Benchmark]
    public bool Verify4096Ours() => Pkcs1v15Signature.Verify(_ours4096!, DigestAlgorithm.Sha256, _digest, _sig4096);

    /// <summary>BouncyCastle: RSA-4096 verify (of a message, so it hashes 32 bytes; negligible).</summary>
    [Benchmark]
    public bool Verify4096BouncyCastle()
    {
        _bcVerifier!.BlockUpdate(_digest, 0, _digest.Length);
        return _bcVerifier.VerifySignature(_sig4096);
    }

    /// <summary>.NET (OpenSSL): RSA-4096 verify.</summary>
    [Benchmark]
    public bool Verify4096DotNet() => _dotnet4096!.VerifyHash(_digest, _sig4096!, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
}
