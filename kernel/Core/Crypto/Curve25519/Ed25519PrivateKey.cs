using System;
using Lvbs.Kernel.Crypto.Hashing;

namespace Lvbs.Kernel.Crypto.Curve25519;

/// <summary>
/// An Ed25519 private key expanded once (RFC 8032 §5.1.5): the clamped secret scalar s, the
/// prefix and the public key A = [s]B, as libsodium's 64-byte secret key and BouncyCastle's key
/// parameters keep them, so each signature costs one fixed-base multiplication instead of two.
/// A is always computed here from the seed, never taken from a caller: signing with a wrong A
/// would let two signatures of one message reveal s.
/// </summary>
public sealed class Ed25519PrivateKey
{
    private readonly byte[] _expanded = new byte[64]; // s (clamped) || prefix
    private readonly byte[] _public = new byte[Ed25519.PublicKeySize];

    private Ed25519PrivateKey()
    {
    }

    /// <summary>The public key A (32 bytes).</summary>
    public ReadOnlySpan<byte> PublicKey => _public;

    /// <summary>The clamped secret scalar s (constant-time use only).</summary>
    internal ReadOnlySpan<byte> Scalar => _expanded.AsSpan(0, 32);

    /// <summary>The nonce prefix (RFC 8032 §5.1.6 step 1).</summary>
    internal ReadOnlySpan<byte> Prefix => _expanded.AsSpan(32, 32);

    /// <summary>Expands a 32-byte seed; <paramref name="key"/> is null unless the result is Success.</summary>
    public static CryptoStatus TryCreate(ReadOnlySpan<byte> seed, out Ed25519PrivateKey? key)
    {
        key = null;
        if (seed.Length != Ed25519.PrivateKeySize)
        {
            return CryptoStatus.InvalidLength;
        }

        var k = new Ed25519PrivateKey();
        Sha512.Hash(seed, k._expanded);
        Ed25519.Clamp(k._expanded);
        EdwardsBaseTable.Multiply(out ExtendedPoint a, k.Scalar);
        EdwardsPoint.Encode(k._public, a);
        key = k;
        return CryptoStatus.Success;
    }

    /// <summary>Wipes the secret halves; the key cannot sign afterwards (its scalar is zero).</summary>
    public void Clear() => Array.Clear(_expanded);
}
