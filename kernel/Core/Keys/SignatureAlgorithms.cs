using System;
using Lvbs.Kernel.Asn1;
using Lvbs.Kernel.Crypto.Rsa;

namespace Lvbs.Kernel.Keys;

/// <summary>
/// Maps the algorithm OIDs of certificate signatures (RFC 4055 §5, RFC 5758 §3.2) and of
/// PKCS#7 digest algorithms to a scheme and hash. SHA-1 is recognised (so a SHA-1 certificate's
/// tbs: hash can still be blacklisted) but never accepted for a signature.
/// </summary>
public static class SignatureAlgorithms
{
    /// <summary>Decodes a certificate signatureAlgorithm OID; false when unknown.</summary>
    public static bool TryParseSignature(ReadOnlySpan<byte> oid, out SignatureScheme scheme, out DigestAlgorithm hash)
    {
        scheme = SignatureScheme.RsaPkcs1;
        hash = DigestAlgorithm.Sha256;
        if (Oid.Is(oid, Oid.Sha256WithRsa))
        {
            return true;
        }
        if (Oid.Is(oid, Oid.Sha384WithRsa))
        {
            hash = DigestAlgorithm.Sha384;
            return true;
        }
        if (Oid.Is(oid, Oid.Sha512WithRsa))
        {
            hash = DigestAlgorithm.Sha512;
            return true;
        }
        if (Oid.Is(oid, Oid.Sha1WithRsa))
        {
            hash = DigestAlgorithm.Sha1;
            return true;
        }
        scheme = SignatureScheme.Ecdsa;
        if (Oid.Is(oid, Oid.EcdsaWithSha256))
        {
            return true;
        }
        if (Oid.Is(oid, Oid.EcdsaWithSha384))
        {
            hash = DigestAlgorithm.Sha384;
            return true;
        }
        if (Oid.Is(oid, Oid.EcdsaWithSha512))
        {
            hash = DigestAlgorithm.Sha512;
            return true;
        }
        if (Oid.Is(oid, Oid.EcdsaWithSha1))
        {
            hash = DigestAlgorithm.Sha1;
            return true;
        }
        return false;
    }

    /// <summary>Decodes a digest algorithm OID (RFC 5754 §2); false when unknown.</summary>
    public static bool TryParseDigest(ReadOnlySpan<byte> oid, out DigestAlgorithm hash)
    {
        hash = DigestAlgorithm.Sha256;
        if (Oid.Is(oid, Oid.Sha256))
        {
            return true;
        }
        if (Oid.Is(oid, Oid.Sha384))
        {
            hash = DigestAlgorithm.Sha384;
            return true;
        }
        if (Oid.Is(oid, Oid.Sha512))
        {
            hash = DigestAlgorithm.Sha512;
            return true;
        }
        if (Oid.Is(oid, Oid.Sha1))
        {
            hash = DigestAlgorithm.Sha1;
            return true;
        }
        return false;
    }

    /// <summary>
    /// The hashes accepted for a signature: SHA-256/384/512. Linux 6.1 also takes SHA-1 and
    /// SHA-224 (and MD4/MD5 in its grammar); this kernel refuses them as if unsupported.
    /// </summary>
    public static bool IsAcceptedForSignature(DigestAlgorithm hash) =>
        hash == DigestAlgorithm.Sha256 || hash == DigestAlgorithm.Sha384 || hash == DigestAlgorithm.Sha512;
}
