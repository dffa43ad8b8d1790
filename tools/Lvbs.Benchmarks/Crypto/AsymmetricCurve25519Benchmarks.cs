using System;
using BenchmarkDotNet.Attributes;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Curve25519;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Lvbs.Benchmarks.Crypto;

/// <summary>
/// Ed25519 sign/verify of 32 bytes and one X25519 shared-secret computation. .NET has no
/// Ed25519/X25519 API, so there is no .NET column for these rows.
/// </summary>
public class AsymmetricCurve25519Benchmarks
{
    private readonly byte[] _seed = new byte[32];
    private readonly byte[] _msg = new byte[32];
    private readonly byte[] _pub = new byte[32];
    private readonly byte[] _sig = new byte[64];
    private readonly byte[] _peer = new byte[32];
    private readonly byte[] _shared = new byte[32];
    private Ed25519PrivateKey? _key;
    private Ed25519Signer? _bcSigner;
    private Ed25519Signer? _bcVerifier;
    private X25519PrivateKeyParameters? _bcX;
    private X25519PublicKeyParameters? _bcPeer;

    /// <summary>Creates the keys.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(25519);
        rng.NextBytes(_seed);
        rng.NextBytes(_msg);
        rng.NextBytes(_peer);
        Ed25519.DerivePublicKey(_seed, _pub);
        Ed25519.Sign(_seed, _msg, _sig);
        Ed25519PrivateKey.TryCreate(_seed, out _key);
        var bcPriv = new Ed25519PrivateKeyParameters(_seed, 0);
        _bcSigner = new Ed25519Signer();
        _bcSigner.Init(true, bcPriv);
        _bcVerifier = new Ed25519Signer();
        _bcVerifier.Init(false, bcPriv.GeneratePublicKey());
        _bcX = new X25519PrivateKeyParameters(_seed, 0);
        byte[] peerPub = new byte[32];
        X25519.PublicKey(_peer, peerPub);
        _peer.AsSpan().Clear();
        peerPub.CopyTo(_peer, 0);
        _bcPeer = new X25519PublicKeyParameters(_peer, 0);
    }

    /// <summary>
    /// Ours: Ed25519 sign with the expanded key (A computed once), as BouncyCastle's key
    /// parameters sign once GeneratePublicKey has cached A (Setup calls it for the verifier).
    /// </summary>
    [Benchmark(Baseline = true)]
    public CryptoStatus Ed25519SignOurs() => Ed25519.Sign(_key!, _msg, _sig);

    /// <summary>Ours: Ed25519 sign from the 32-byte seed alone (expands and computes A every time).</summary>
    [Benchmark]
    public CryptoStatus Ed25519SignOursFromSeed() => Ed25519.Sign(_seed, _msg, _sig);

    /// <summary>BouncyCastle: Ed25519 sign.</summary>
    [Benchmark]
    public byte[] Ed25519SignBouncyCastle()
    {
        _bcSigner!.BlockUpdate(_msg, 0, _msg.Length);
        return _bcSigner.GenerateSignature();
    }

    /// <summary>Ours: Ed25519 verify.</summary>
    [Benchmark]
    public bool Ed25519VerifyOurs() => Ed25519.Verify(_pub, _msg, _sig);

    /// <summary>BouncyCastle: Ed25519 verify.</summary>
    [Benchmark]
    public bool Ed25519VerifyBouncyCastle()
    {
        _bcVerifier!.BlockUpdate(_msg, 0, _msg.Length);
        return _bcVerifier.VerifySignature(_sig);
    }

    /// <summary>Ours: X25519 shared secret.</summary>
    [Benchmark]
    public CryptoStatus X25519Ours() => X25519.ScalarMult(_seed, _peer, _shared);

    /// <summary>BouncyCastle: X25519 shared secret.</summary>
    [Benchmark]
    public byte[] X25519BouncyCastle()
    {
        var agreement = new X25519Agreement();
        agreement.Init(_bcX!);
        agreement.CalculateAgreement(_bcPeer!, _shared, 0);
        return _shared;
    }
}
