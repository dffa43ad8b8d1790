using System;
using Lvbs.Crypto.Conformance.Wycheproof;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Rsa;

namespace Lvbs.Crypto.Conformance;

/// <summary>
/// RSA vectors: PKCS#1 v1.5 and PSS verification, OAEP and PKCS#1 v1.5 decryption. Keys are built
/// once per group. A key the kernel refuses (e.g. below 2048 bits) skips the group's vectors
/// with the status as the reason. "acceptable" PKCS#1 signatures (DigestInfo without NULL) are
/// rejected: verification compares the full RFC 8017 §9.2 encoding.
/// </summary>
internal sealed class RsaVectors
{
    private readonly IRandomSource _blinding = new BlindingRandom();
    private WycheproofGroup? _group;
    private object? _key;
    private string? _keyError;

    public VectorVerdict Pkcs1Verify(WycheproofTest t)
    {
        if (!TryHash(t.Group, "sha", out DigestAlgorithm hash, out VectorVerdict skip) || !TryPublic(t.Group, out RsaPublicKey? key, out skip))
        {
            return skip;
        }

        return VectorVerdict.AcceptedIf(Pkcs1v15Signature.VerifyMessage(key!, hash, t.Hex("msg"), t.Hex("sig")));
    }

    public VectorVerdict PssVerify(WycheproofTest t)
    {
        if (!TryHash(t.Group, "sha", out DigestAlgorithm hash, out VectorVerdict skip)
            || !TrySameMgfHash(t.Group, hash, out skip)
            || !TryPublic(t.Group, out RsaPublicKey? key, out skip))
        {
            return skip;
        }

        byte[] digest = HashNames.Hash(hash, t.Hex("msg"));
        return VectorVerdict.AcceptedIf(PssSignature.Verify(key!, hash, digest, t.Group.Int("sLen"), t.Hex("sig")));
    }

    public VectorVerdict OaepDecrypt(WycheproofTest t)
    {
        if (!TryHash(t.Group, "sha", out DigestAlgorithm hash, out VectorVerdict skip)
            || !TrySameMgfHash(t.Group, hash, out skip)
            || !TryPrivate(t.Group, out RsaPrivateKey? key, out skip))
        {
            return skip;
        }

        byte[] pt = new byte[key!.ModulusBytes];
        CryptoStatus st = OaepEncryption.Decrypt(key, hash, t.Hex("label"), t.Hex("ct"), pt, out int written, _blinding);
        return Decrypted(st, pt, written, t);
    }

    public VectorVerdict Pkcs1Decrypt(WycheproofTest t)
    {
        if (!TryPrivate(t.Group, out RsaPrivateKey? key, out VectorVerdict skip))
        {
            return skip;
        }

        byte[] pt = new byte[key!.ModulusBytes];
        CryptoStatus st = Pkcs1v15Encryption.Decrypt(key, t.Hex("ct"), pt, out int written, _blinding);
        return Decrypted(st, pt, written, t);
    }

    private static VectorVerdict Decrypted(CryptoStatus st, byte[] pt, int written, WycheproofTest t)
    {
        if (st != CryptoStatus.Success)
        {
            return VectorVerdict.Rejected;
        }

        return pt.AsSpan(0, written).SequenceEqual(t.Hex("msg")) ? VectorVerdict.Accepted : VectorVerdict.Mismatch;
    }

    private static bool TryHash(WycheproofGroup g, string field, out DigestAlgorithm hash, out VectorVerdict skip)
    {
        string name = g.String(field);
        skip = VectorVerdict.Skip("hash " + name + " not implemented");
        return HashNames.TryGet(name, out hash);
    }

    private static bool TrySameMgfHash(WycheproofGroup g, DigestAlgorithm hash, out VectorVerdict skip)
    {
        string mgf = g.Has("mgf") ? g.String("mgf") : "MGF1";
        string mgfSha = g.String("mgfSha");
        skip = VectorVerdict.Skip("MGF " + mgf + " with " + mgfSha + " differing from the message hash not implemented");
        return mgf == "MGF1" && HashNames.TryGet(mgfSha, out DigestAlgorithm m) && m == hash;
    }

    private bool TryPublic(WycheproofGroup g, out RsaPublicKey? key, out VectorVerdict skip)
    {
        if (!ReferenceEquals(g, _group))
        {
            _group = g;
            CryptoStatus st = RsaPublicKey.TryCreate(g.Hex("publicKey", "modulus"), g.Hex("publicKey", "publicExponent"), out RsaPublicKey? k);
            _key = k;
            _keyError = st == CryptoStatus.Success ? null : "key refused (" + st + ")";
        }

        key = _key as RsaPublicKey;
        skip = VectorVerdict.Skip(_keyError ?? "");
        return key is not null;
    }

    private bool TryPrivate(WycheproofGroup g, out RsaPrivateKey? key, out VectorVerdict skip)
    {
        if (!ReferenceEquals(g, _group))
        {
            _group = g;
            CryptoStatus st = RsaPrivateKey.TryCreate(
                g.Hex("privateKey", "modulus"), g.Hex("privateKey", "publicExponent"), g.Hex("privateKey", "privateExponent"),
                g.Hex("privateKey", "prime1"), g.Hex("privateKey", "prime2"), out RsaPrivateKey? k);
            _key = k;
            _keyError = st == CryptoStatus.Success ? null : "key refused (" + st + ")";
        }

        key = _key as RsaPrivateKey;
        skip = VectorVerdict.Skip(_keyError ?? "");
        return key is not null;
    }
}
