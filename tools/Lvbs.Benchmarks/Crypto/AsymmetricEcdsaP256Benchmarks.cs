using System;
using BenchmarkDotNet.Attributes;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Ec;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Lvbs.Benchmarks.Crypto;

/// <summary>ECDSA P-256 sign (RFC 6979 nonce for ours) and verify of a SHA-256 digest.</summary>
public class AsymmetricEcdsaP256Benchmarks
{
    private readonly byte[] _digest = new byte[32];
    private readonly byte[] _priv = new byte[32];
    private readonly byte[] _pub = new byte[65];
    private readonly byte[] _sig = new byte[64];
    private ECDsaSigner? _bcSigner;
    private ECDsaSigner? _bcVerifier;
    private BcBigInteger[]? _bcSig;
    private System.Security.Cryptography.ECDsa? _dotnet;
    private byte[]? _dotnetSig;

    /// <summary>Creates one key for all three implementations.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(256);
        rng.NextBytes(_digest);
        rng.NextBytes(_priv);
        _priv[0] &= 0x7F;
        Ecdsa.DerivePublicKey(EcCurve.P256, _priv, _pub);
        Ecdsa.SignDeterministic<Lvbs.Kernel.Crypto.Hashing.Sha256>(EcCurve.P256, _priv, _digest, _sig);
        var dom = new ECDomainParameters(ECNamedCurveTable.GetByName("P-256"));
        var d = new BcBigInteger(1, _priv);
        _bcSigner = new ECDsaSigner();
        _bcSigner.Init(true, new ECPrivateKeyParameters(d, dom));
        _bcVerifier = new ECDsaSigner();
        _bcVerifier.Init(false, new ECPublicKeyParameters(dom.G.Multiply(d).Normalize(), dom));
        _bcSig = _bcSigner.GenerateSignature(_digest);
        _dotnet = System.Security.Cryptography.ECDsa.Create(new System.Security.Cryptography.ECParameters
        {
            Curve = System.Security.Cryptography.ECCurve.NamedCurves.nistP256,
            D = _priv,
            Q = new System.Security.Cryptography.ECPoint { X = _pub.AsSpan(1, 32).ToArray(), Y = _pub.AsSpan(33, 32).ToArray() },
        });
        _dotnetSig = _dotnet.SignHash(_digest);
    }

    /// <summary>Ours: sign.</summary>
    [Benchmark(Baseline = true)]
    public CryptoStatus SignOurs() => Ecdsa.SignDeterministic<Lvbs.Kernel.Crypto.Hashing.Sha256>(EcCurve.P256, _priv, _digest, _sig);

    /// <summary>BouncyCastle: sign.</summary>
    [Benchmark]
    public BcBigInteger[] SignBouncyCastle() => _bcSigner!.GenerateSignature(_digest);

    /// <summary>.NET (OpenSSL): sign.</summary>
    [Benchmark]
    public byte[] SignDotNet() => _dotnet!.SignHash(_digest);

    /// <summary>Ours: verify.</summary>
    [Benchmark]
    public bool VerifyOurs() => Ecdsa.Verify(EcCurve.P256, _pub, _digest, _sig);

    /// <summary>BouncyCastle: verify.</summary>
    [Benchmark]
    public bool VerifyBouncyCastle() => _bcVerifier!.VerifySignature(_digest, _bcSig![0], _bcSig[1]);

    /// <summary>.NET (OpenSSL): verify.</summary>
    [Benchmark]
    public bool VerifyDotNet() => _dotnet!.VerifyHash(_digest, _dotnetSig!);
}
