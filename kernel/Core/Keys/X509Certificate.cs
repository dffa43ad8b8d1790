using System;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Asn1;
using Lvbs.Kernel.Crypto.Rsa;

namespace Lvbs.Kernel.Keys;

/// <summary>
/// An X.509 v1/v3 certificate (RFC 5280 §4.1) reduced to what key trust needs: the exact
/// tbsCertificate bytes and their digest under the certificate's own signature hash (for
/// signature checks and <c>tbs:</c> blacklisting), serial, raw issuer/subject Names, the
/// public key, the subject and authority key identifiers, and the signature. The certificate
/// owns a private copy of its DER, so later changes to the caller's buffer change nothing.
/// Validity dates are not checked, as Linux does not check them for module keys.
/// </summary>
public sealed class X509Certificate
{
    /// <summary>Largest certificate accepted (LiteBox takes only <c>30 82 LL LL</c>: &lt; 64 KiB).</summary>
    public const int MaxDerLength = 65535;

    private readonly byte[] _der;
    private readonly byte[] _tbsDigest;
    private int _tbsOffset, _tbsLength;
    private int _serialOffset, _serialLength;
    private int _issuerOffset, _issuerLength;
    private int _subjectOffset, _subjectLength;
    private int _spkiOffset, _spkiLength;
    private int _skidOffset, _skidLength;
    private int _akidOffset, _akidLength;
    private int _akidIssuerOffset, _akidIssuerLength;
    private int _akidSerialOffset, _akidSerialLength;
    private int _signatureOffset, _signatureLength;

    private X509Certificate(byte[] der, PublicKey key, SignatureScheme scheme, DigestAlgorithm hash)
    {
        _der = der;
        PublicKey = key;
        SignatureScheme = scheme;
        SignatureHash = hash;
        _tbsDigest = new byte[Digests.SizeOf(hash)];
    }

    /// <summary>The whole certificate as DER.</summary>
    public ReadOnlySpan<byte> Der => _der;

    /// <summary>The tbsCertificate TLV (what the issuer signed).</summary>
    public ReadOnlySpan<byte> Tbs => Slice(_tbsOffset, _tbsLength);

    /// <summary>Digest of <see cref="Tbs"/> with <see cref="SignatureHash"/>: the blacklist's <c>tbs:</c> value.</summary>
    public ReadOnlySpan<byte> TbsDigest => _tbsDigest;

    /// <summary>serialNumber INTEGER contents octets (as Linux keeps them for key ids).</summary>
    public ReadOnlySpan<byte> SerialNumber => Slice(_serialOffset, _serialLength);

    /// <summary>The issuer Name TLV, raw.</summary>
    public ReadOnlySpan<byte> Issuer => Slice(_issuerOffset, _issuerLength);

    /// <summary>The subject Name TLV, raw.</summary>
    public ReadOnlySpan<byte> Subject => Slice(_subjectOffset, _subjectLength);

    /// <summary>The SubjectPublicKeyInfo TLV, raw (identifies the key for revocation).</summary>
    public ReadOnlySpan<byte> SubjectPublicKeyInfo => Slice(_spkiOffset, _spkiLength);

    /// <summary>subjectKeyIdentifier (RFC 5280 §4.2.1.2), empty when absent.</summary>
    public ReadOnlySpan<byte> SubjectKeyIdentifier => Slice(_skidOffset, _skidLength);

    /// <summary>authorityKeyIdentifier keyIdentifier (RFC 5280 §4.2.1.1), empty when absent.</summary>
    public ReadOnlySpan<byte> AuthorityKeyId => Slice(_akidOffset, _akidLength);

    /// <summary>authorityKeyIdentifier authorityCertIssuer directoryName (a Name TLV), empty when absent.</summary>
    public ReadOnlySpan<byte> AuthorityCertIssuer => Slice(_akidIssuerOffset, _akidIssuerLength);

    /// <summary>authorityKeyIdentifier authorityCertSerialNumber contents, empty when absent.</summary>
    public ReadOnlySpan<byte> AuthorityCertSerial => Slice(_akidSerialOffset, _akidSerialLength);

    /// <summary>The signatureValue octets.</summary>
    public ReadOnlySpan<byte> Signature => Slice(_signatureOffset, _signatureLength);

    /// <summary>The subject public key.</summary>
    public PublicKey PublicKey { get; }

    /// <summary>The scheme of the issuer's signature on this certificate.</summary>
    public SignatureScheme SignatureScheme { get; }

    /// <summary>The hash of the issuer's signature on this certificate.</summary>
    public DigestAlgorithm SignatureHash { get; }

    /// <summary>True when this certificate's subject key verifies cert's signature over its tbsCertificate.</summary>
    public bool Signed(X509Certificate cert) =>
        PublicKey.Verify(cert.SignatureScheme, cert.SignatureHash, cert.TbsDigest, cert.Signature);

    /// <summary>
    /// Parses exactly one DER certificate (no trailing bytes). Returns 0, EBADMSG for any
    /// encoding error or a certificate over <see cref="MaxDerLength"/>, ENOPKG for an
    /// unsupported signature or key algorithm.
    /// </summary>
    public static int TryParse(ReadOnlySpan<byte> der, out X509Certificate? certificate)
    {
        certificate = null;
        if (der.Length > MaxDerLength)
        {
            return (int)LinuxErrno.EBADMSG;
        }
        DerReader outer = new DerReader(der);
        if (outer.TryEnter(DerTag.Sequence, out DerReader cert) != DerStatus.Ok || outer.ExpectEnd() != DerStatus.Ok)
        {
            return (int)LinuxErrno.EBADMSG;
        }
        int certStart = der.Length - cert.Remaining.Length;

        // RFC 5280 §4.1.1: tbsCertificate, signatureAlgorithm, signatureValue.
        DerReader afterTbs = cert;
        if (afterTbs.TryEnter(DerTag.Sequence, out DerReader tbs) != DerStatus.Ok)
        {
            return (int)LinuxErrno.EBADMSG;
        }
        int tbsLength = cert.Remaining.Length - afterTbs.Remaining.Length;
        cert = afterTbs;
        if (cert.TryEnter(DerTag.Sequence, out DerReader sigAlg) != DerStatus.Ok
            || sigAlg.TryReadOid(out ReadOnlySpan<byte> sigOid) != DerStatus.Ok
            || cert.TryReadBitStringOctets(out ReadOnlySpan<byte> signature) != DerStatus.Ok
            || cert.ExpectEnd() != DerStatus.Ok)
        {
            return (int)LinuxErrno.EBADMSG;
        }
        if (!SkipAlgorithmParameters(ref sigAlg))
        {
            return (int)LinuxErrno.EBADMSG;
        }

        // §4.1.2.1 version [0] EXPLICIT, DEFAULT v1 (so an explicit v1 is not DER).
        int version = 0;
        if (tbs.NextIs(DerTag.ContextConstructed(0)))
        {
            if (tbs.TryEnter(DerTag.ContextConstructed(0), out DerReader v) != DerStatus.Ok
                || v.TryReadSmallInteger(out version) != DerStatus.Ok || v.ExpectEnd() != DerStatus.Ok
                || version < 1 || version > 2)
            {
                return (int)LinuxErrno.EBADMSG;
            }
        }
        // §4.1.2.2 serialNumber; §4.1.2.3 signature must equal signatureAlgorithm (§4.1.1.2).
        if (tbs.TryReadInteger(out ReadOnlySpan<byte> serial) != DerStatus.Ok
            || tbs.TryReadExpected(DerTag.Sequence, out DerElement innerSigAlg) != DerStatus.Ok)
        {
            return (int)LinuxErrno.EBADMSG;
        }
        ReadOnlySpan<byte> outerSigAlgTlv = der.Slice(certStart + tbsLength);
        if (DerReader.TryReadHeader(outerSigAlgTlv, out _, out int h, out int l) != DerStatus.Ok
            || !innerSigAlg.Encoded.SequenceEqual(outerSigAlgTlv.Slice(0, h + l)))
        {
            return (int)LinuxErrno.EBADMSG;
        }
        if (tbs.TryReadExpected(DerTag.Sequence, out DerElement issuer) != DerStatus.Ok
            || tbs.TrySkip() != DerStatus.Ok // §4.1.2.5 validity: not used for module keys
            || tbs.TryReadExpected(DerTag.Sequence, out DerElement subject) != DerStatus.Ok
            || tbs.TryReadExpected(DerTag.Sequence, out DerElement spki) != DerStatus.Ok)
        {
            return (int)LinuxErrno.EBADMSG;
        }
        if (!SignatureAlgorithms.TryParseSignature(sigOid, out SignatureScheme scheme, out DigestAlgorithm hash))
        {
            return (int)LinuxErrno.ENOPKG;
        }
        int keyStatus = PublicKey.TryParse(spki.Content, out PublicKey? key);
        if (keyStatus != 0 || key is null)
        {
            return keyStatus != 0 ? keyStatus : (int)LinuxErrno.EBADMSG;
        }

        byte[] copy = der.ToArray();
        X509Certificate c = new X509Certificate(copy, key, scheme, hash);
        c._tbsOffset = certStart;
        c._tbsLength = tbsLength;
        c.SetRange(serial, der, out c._serialOffset, out c._serialLength);
        c.SetRange(issuer.Encoded, der, out c._issuerOffset, out c._issuerLength);
        c.SetRange(subject.Encoded, der, out c._subjectOffset, out c._subjectLength);
        c.SetRange(spki.Encoded, der, out c._spkiOffset, out c._spkiLength);
        c.SetRange(signature, der, out c._signatureOffset, out c._signatureLength);

        // §4.1.2.8 unique identifiers (v2/v3 only), §4.1.2.9 extensions (v3 only).
        if (tbs.NextIs(DerTag.ContextPrimitive(1)) || tbs.NextIs(DerTag.ContextConstructed(1)))
        {
            if (version < 1 || tbs.TrySkip() != DerStatus.Ok)
            {
                return (int)LinuxErrno.EBADMSG;
            }
        }
        if (tbs.NextIs(DerTag.ContextPrimitive(2)) || tbs.NextIs(DerTag.ContextConstructed(2)))
        {
            if (version < 1 || tbs.TrySkip() != DerStatus.Ok)
            {
                return (int)LinuxErrno.EBADMSG;
            }
        }
        if (tbs.NextIs(DerTag.ContextConstructed(3)))
        {
            if (version != 2 || tbs.TryEnter(DerTag.ContextConstructed(3), out DerReader extWrap) != DerStatus.Ok
                || extWrap.TryEnter(DerTag.Sequence, out DerReader extensions) != DerStatus.Ok
                || extWrap.ExpectEnd() != DerStatus.Ok
                || !c.ParseExtensions(ref extensions, der))
            {
                return (int)LinuxErrno.EBADMSG;
            }
        }
        if (tbs.ExpectEnd() != DerStatus.Ok)
        {
            return (int)LinuxErrno.EBADMSG;
        }
        Digests.TryHash(hash, c.Tbs, c._tbsDigest);
        certificate = c;
        return 0;
    }

    /// <summary>AlgorithmIdentifier parameters: absent or one element (NULL for RSA, absent for ECDSA).</summary>
    private static bool SkipAlgorithmParameters(ref DerReader alg)
    {
        if (alg.HasData && alg.TrySkip() != DerStatus.Ok)
        {
            return false;
        }
        return alg.ExpectEnd() == DerStatus.Ok;
    }

    private bool ParseExtensions(ref DerReader extensions, ReadOnlySpan<byte> der)
    {
        bool sawSkid = false, sawAkid = false;
        while (extensions.HasData)
        {
            // RFC 5280 §4.1: Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
            if (extensions.TryEnter(DerTag.Sequence, out DerReader ext) != DerStatus.Ok
                || ext.TryReadOid(out ReadOnlySpan<byte> id) != DerStatus.Ok)
            {
                return false;
            }
            if (ext.NextIs(DerTag.Boolean) && ext.TryReadBoolean(out _) != DerStatus.Ok)
            {
                return false;
            }
            if (ext.TryReadContent(DerTag.OctetString, out ReadOnlySpan<byte> value) != DerStatus.Ok
                || ext.ExpectEnd() != DerStatus.Ok)
            {
                return false;
            }
            if (Oid.Is(id, Oid.SubjectKeyIdentifier))
            {
                // §4.2: a certificate must not include more than one instance of an extension.
                DerReader v = new DerReader(value);
                if (sawSkid || v.TryReadContent(DerTag.OctetString, out ReadOnlySpan<byte> skid) != DerStatus.Ok
                    || v.ExpectEnd() != DerStatus.Ok)
                {
                    return false;
                }
                sawSkid = true;
                SetRange(skid, der, out _skidOffset, out _skidLength);
            }
            else if (Oid.Is(id, Oid.AuthorityKeyIdentifier))
            {
                if (sawAkid || !ParseAuthorityKeyIdentifier(value, der))
                {
                    return false;
                }
                sawAkid = true;
            }
        }
        return true;
    }

    /// <summary>
    /// RFC 5280 §4.2.1.1: SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL,
    /// authorityCertIssuer [1] IMPLICIT GeneralNames OPTIONAL, authorityCertSerialNumber [2]
    /// IMPLICIT INTEGER OPTIONAL }; the issuer is the first directoryName ([4] EXPLICIT Name).
    /// </summary>
    private bool ParseAuthorityKeyIdentifier(ReadOnlySpan<byte> value, ReadOnlySpan<byte> der)
    {
        DerReader outer = new DerReader(value);
        if (outer.TryEnter(DerTag.Sequence, out DerReader aki) != DerStatus.Ok || outer.ExpectEnd() != DerStatus.Ok)
        {
            return false;
        }
        if (aki.NextIs(DerTag.ContextPrimitive(0)))
        {
            if (aki.TryReadContent(DerTag.ContextPrimitive(0), out ReadOnlySpan<byte> keyId) != DerStatus.Ok)
            {
                return false;
            }
            SetRange(keyId, der, out _akidOffset, out _akidLength);
        }
        bool haveIssuer = false;
        if (aki.NextIs(DerTag.ContextConstructed(1)))
        {
            if (aki.TryEnter(DerTag.ContextConstructed(1), out DerReader names) != DerStatus.Ok)
            {
                return false;
            }
            while (names.HasData)
            {
                if (names.TryRead(out DerElement name) != DerStatus.Ok)
                {
                    return false;
                }
                if (!haveIssuer && name.Tag == DerTag.ContextConstructed(4))
                {
                    DerReader dn = new DerReader(name.Content);
                    if (dn.TryReadExpected(DerTag.Sequence, out DerElement dirName) != DerStatus.Ok || dn.ExpectEnd() != DerStatus.Ok)
                    {
                        return false;
                    }
                    SetRange(dirName.Encoded, der, out _akidIssuerOffset, out _akidIssuerLength);
                    haveIssuer = true;
                }
            }
        }
        if (aki.NextIs(DerTag.ContextPrimitive(2)))
        {
            if (aki.TryReadContent(DerTag.ContextPrimitive(2), out ReadOnlySpan<byte> serial) != DerStatus.Ok
                || !DerReader.IsMinimalInteger(serial))
            {
                return false;
            }
            SetRange(serial, der, out _akidSerialOffset, out _akidSerialLength);
        }
        return aki.ExpectEnd() == DerStatus.Ok;
    }

    private ReadOnlySpan<byte> Slice(int offset, int length) => new ReadOnlySpan<byte>(_der, offset, length);

    /// <summary>Records where part (a slice of der) lies, as an offset into the private copy.</summary>
    private unsafe void SetRange(ReadOnlySpan<byte> part, ReadOnlySpan<byte> der, out int offset, out int length)
    {
        // SAFETY: part is a slice of der (both come from the same DerReader walk), so the
        // pointer difference is the slice's offset within der, in [0, der.Length].
        fixed (byte* p = part)
        fixed (byte* d = der)
        {
            offset = part.IsEmpty ? 0 : (int)(p - d);
        }
        length = part.Length;
    }
}
