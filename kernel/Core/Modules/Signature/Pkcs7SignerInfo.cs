using System;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Asn1;
using Lvbs.Kernel.Crypto.Rsa;
using Lvbs.Kernel.Keys;

namespace Lvbs.Kernel.Modules.Signature;

/// <summary>
/// One SignerInfo (RFC 2315 §9.2, RFC 5652 §5.3) as Linux's pkcs7.asn1 grammar accepts it:
/// version 1 with issuerAndSerialNumber or version 3 with subjectKeyIdentifier; a digest
/// algorithm; optional authenticated attributes ([0] IMPLICIT SET or [2] EXPLICIT SEQUENCE);
/// a digestEncryptionAlgorithm of rsaEncryption or ecdsa-with-* with parameters ANY OPTIONAL;
/// the encryptedDigest; optional unauthenticated attributes ([1] or [3]).
/// </summary>
public readonly ref struct Pkcs7SignerInfo
{
    private Pkcs7SignerInfo(bool bySkid, ReadOnlySpan<byte> issuer, ReadOnlySpan<byte> serial, ReadOnlySpan<byte> skid,
        DigestAlgorithm digest, SignatureScheme scheme, ReadOnlySpan<byte> authAttrs, bool hasAuthAttrs, ReadOnlySpan<byte> signature)
    {
        BySubjectKeyId = bySkid;
        Issuer = issuer;
        SerialNumber = serial;
        SubjectKeyId = skid;
        DigestAlgorithm = digest;
        Scheme = scheme;
        AuthenticatedAttributes = authAttrs;
        HasAuthenticatedAttributes = hasAuthAttrs;
        Signature = signature;
    }

    /// <summary>True for a v3 SignerInfo naming its key by subjectKeyIdentifier.</summary>
    public bool BySubjectKeyId { get; }

    /// <summary>issuerAndSerialNumber issuer Name TLV (v1), else empty.</summary>
    public ReadOnlySpan<byte> Issuer { get; }

    /// <summary>issuerAndSerialNumber serial INTEGER contents (v1), else empty.</summary>
    public ReadOnlySpan<byte> SerialNumber { get; }

    /// <summary>The subjectKeyIdentifier (v3), else empty.</summary>
    public ReadOnlySpan<byte> SubjectKeyId { get; }

    /// <summary>The digest algorithm (SHA-256/384/512 only; others were refused with ENOPKG).</summary>
    public DigestAlgorithm DigestAlgorithm { get; }

    /// <summary>RSA PKCS#1 v1.5 or ECDSA.</summary>
    public SignatureScheme Scheme { get; }

    /// <summary>
    /// The authenticated attributes re-tagged as the SET OF that is signed (RFC 5652 §5.4):
    /// the [0] IMPLICIT contents; empty when absent.
    /// </summary>
    public ReadOnlySpan<byte> AuthenticatedAttributes { get; }

    /// <summary>True when authenticated (signed) attributes are present.</summary>
    public bool HasAuthenticatedAttributes { get; }

    /// <summary>The encryptedDigest octets.</summary>
    public ReadOnlySpan<byte> Signature { get; }

    /// <summary>
    /// Parses one SignerInfo TLV. signedDataVersion is the enclosing SignedData's version
    /// (Linux pkcs7_note_signerinfo_version: v1 needs SignedData v1, v3 needs SignedData ≠ v1,
    /// EBADMSG otherwise; other versions EINVAL). 0, EBADMSG, EINVAL or ENOPKG (digest or
    /// public-key algorithm not supported).
    /// </summary>
    public static int TryParse(ref DerReader signerInfos, int signedDataVersion, out Pkcs7SignerInfo info)
    {
        info = default;
        if (signerInfos.TryEnter(DerTag.Sequence, out DerReader si) != DerStatus.Ok
            || si.TryReadSmallInteger(out int version) != DerStatus.Ok)
        {
            return (int)LinuxErrno.EBADMSG;
        }
        bool bySkid;
        if (version == 1)
        {
            if (signedDataVersion != 1)
            {
                return (int)LinuxErrno.EBADMSG;
            }
            bySkid = false;
        }
        else if (version == 3)
        {
            if (signedDataVersion == 1)
            {
                return (int)LinuxErrno.EBADMSG;
            }
            bySkid = true;
        }
        else
        {
            return (int)LinuxErrno.EINVAL; // "Unsupported SignerInfo version"
        }

        ReadOnlySpan<byte> issuer = default, serial = default, skid = default;
        if (!bySkid)
        {
            if (si.TryEnter(DerTag.Sequence, out DerReader ias) != DerStatus.Ok
                || ias.TryReadExpected(DerTag.Sequence, out DerElement name) != DerStatus.Ok
                || ias.TryReadInteger(out serial) != DerStatus.Ok
                || ias.ExpectEnd() != DerStatus.Ok)
            {
                return (int)LinuxErrno.EBADMSG;
            }
            issuer = name.Encoded;
        }
        else if (si.TryReadContent(DerTag.ContextPrimitive(0), out skid) != DerStatus.Ok || skid.IsEmpty)
        {
            return (int)LinuxErrno.EBADMSG;
        }

        if (si.TryEnter(DerTag.Sequence, out DerReader digestAlg) != DerStatus.Ok
            || digestAlg.TryReadOid(out ReadOnlySpan<byte> digestOid) != DerStatus.Ok
            || !SkipParameters(ref digestAlg))
        {
            return (int)LinuxErrno.EBADMSG;
        }
        if (!SignatureAlgorithms.TryParseDigest(digestOid, out DigestAlgorithm digest)
            || !SignatureAlgorithms.IsAcceptedForSignature(digest))
        {
            return (int)LinuxErrno.ENOPKG; // "Unsupported digest algo" (SHA-1 refused here too)
        }

        ReadOnlySpan<byte> authAttrs = default;
        bool hasAuthAttrs = false;
        if (si.NextIs(DerTag.ContextConstructed(0)))
        {
            if (si.TryReadContent(DerTag.ContextConstructed(0), out authAttrs) != DerStatus.Ok)
            {
                return (int)LinuxErrno.EBADMSG;
            }
            hasAuthAttrs = true;
        }
        else if (si.NextIs(DerTag.ContextConstructed(2)))
        {
            if (si.TrySkip() != DerStatus.Ok)
            {
                return (int)LinuxErrno.EBADMSG;
            }
            hasAuthAttrs = true;
        }

        if (si.TryEnter(DerTag.Sequence, out DerReader encAlg) != DerStatus.Ok
            || encAlg.TryReadOid(out ReadOnlySpan<byte> encOid) != DerStatus.Ok
            || !SkipParameters(ref encAlg))
        {
            return (int)LinuxErrno.EBADMSG;
        }
        SignatureScheme scheme;
        if (Oid.Is(encOid, Oid.RsaEncryption))
        {
            scheme = SignatureScheme.RsaPkcs1;
        }
        else if (Oid.Is(encOid, Oid.EcdsaWithSha1) || Oid.Is(encOid, Oid.EcdsaWithSha224) || Oid.Is(encOid, Oid.EcdsaWithSha256)
            || Oid.Is(encOid, Oid.EcdsaWithSha384) || Oid.Is(encOid, Oid.EcdsaWithSha512))
        {
            // As Linux pkcs7_sig_note_pkey_algo: the hash is the digestAlgorithm's, whichever
            // ecdsa-with-* OID is named. (Debian 6.1 itself has CONFIG_CRYPTO_ECDSA unset and
            // so cannot verify these; this kernel can.)
            scheme = SignatureScheme.Ecdsa;
        }
        else
        {
            return (int)LinuxErrno.ENOPKG; // "Unsupported pkey algo" (e.g. sha256WithRSAEncryption)
        }

        if (si.TryReadContent(DerTag.OctetString, out ReadOnlySpan<byte> signature) != DerStatus.Ok)
        {
            return (int)LinuxErrno.EBADMSG;
        }
        if (si.NextIs(DerTag.ContextConstructed(1)) || si.NextIs(DerTag.ContextConstructed(3)))
        {
            if (si.TrySkip() != DerStatus.Ok)
            {
                return (int)LinuxErrno.EBADMSG;
            }
        }
        if (si.ExpectEnd() != DerStatus.Ok)
        {
            return (int)LinuxErrno.EBADMSG;
        }
        info = new Pkcs7SignerInfo(bySkid, issuer, serial, skid, digest, scheme, authAttrs, hasAuthAttrs, signature);
        return 0;
    }

    /// <summary>parameters ANY OPTIONAL: absent or exactly one element.</summary>
    private static bool SkipParameters(ref DerReader alg)
    {
        if (alg.HasData && alg.TrySkip() != DerStatus.Ok)
        {
            return false;
        }
        return alg.ExpectEnd() == DerStatus.Ok;
    }
}
