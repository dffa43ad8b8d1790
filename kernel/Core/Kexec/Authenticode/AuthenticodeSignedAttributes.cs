using System;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Asn1;

namespace Lvbs.Kernel.Kexec.Authenticode;

/// <summary>
/// A SignerInfo's authenticated attributes (RFC 2315 §9.2, RFC 5652 §5.3/§11) checked as Linux
/// 6.1 pkcs7_sig_note_authenticated_attr / pkcs7_sig_note_set_of_authattrs do for an
/// Authenticode message: contentType (must be SPC_INDIRECT_DATA) and messageDigest are
/// required; contentType, messageDigest, signingTime, smimeCapabilities, SpOpusInfo and
/// StatementType may appear once with one value; other attributes are signed but not read.
/// </summary>
public readonly ref struct AuthenticodeSignedAttributes
{
    private static readonly byte[] s_signingTime = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x05 };
    private static readonly byte[] s_smimeCapabilities = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x0F };
    private static readonly byte[] s_spOpusInfo = { 0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x01, 0x0C };
    private static readonly byte[] s_statementType = { 0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x01, 0x0B };

    private AuthenticodeSignedAttributes(ReadOnlySpan<byte> messageDigest, bool hasSigningTime, ulong signingTime)
    {
        MessageDigest = messageDigest;
        HasSigningTime = hasSigningTime;
        SigningTime = signingTime;
    }

    /// <summary>The messageDigest attribute's octets.</summary>
    public ReadOnlySpan<byte> MessageDigest { get; }

    /// <summary>True when a signingTime attribute is present.</summary>
    public bool HasSigningTime { get; }

    /// <summary>The signingTime as YYYYMMDDHHMMSS (see <see cref="Asn1Time"/>), 0 when absent.</summary>
    public ulong SigningTime { get; }

    /// <summary>
    /// Parses the contents of the [0] IMPLICIT SET OF Attribute. 0; EBADMSG (bad DER, a
    /// contentType other than SPC_INDIRECT_DATA, a messageDigest that is not an OCTET STRING, a
    /// signingTime that is not a valid UTCTime/GeneralizedTime, contentType or messageDigest missing); EKEYREJECTED (one
    /// of the single-instance attributes repeated or multi-valued: "Repeated/multivalue
    /// AuthAttrs not permitted").
    /// </summary>
    public static int TryParse(ReadOnlySpan<byte> setContents, out AuthenticodeSignedAttributes attributes)
    {
        attributes = default;
        DerReader set = new DerReader(setContents);
        bool haveType = false, haveDigest = false, haveTime = false, haveCaps = false, haveOpus = false, haveStatement = false;
        ReadOnlySpan<byte> digest = default;
        ulong signingTime = 0;
        while (set.HasData)
        {
            if (set.TryEnter(DerTag.Sequence, out DerReader attr) != DerStatus.Ok
                || attr.TryReadOid(out ReadOnlySpan<byte> type) != DerStatus.Ok
                || attr.TryEnter(DerTag.Set, out DerReader values) != DerStatus.Ok
                || attr.ExpectEnd() != DerStatus.Ok)
            {
                return (int)LinuxErrno.EBADMSG;
            }
            while (values.HasData)
            {
                if (values.TryRead(out DerElement value) != DerStatus.Ok)
                {
                    return (int)LinuxErrno.EBADMSG;
                }
                if (Oid.Is(type, Oid.ContentTypeAttribute))
                {
                    if (haveType)
                    {
                        return (int)LinuxErrno.EKEYREJECTED;
                    }
                    haveType = true;
                    DerReader v = new DerReader(value.Encoded);
                    if (v.TryReadOid(out ReadOnlySpan<byte> contentType) != DerStatus.Ok || !Oid.Is(contentType, Oid.MsIndirectData))
                    {
                        return (int)LinuxErrno.EBADMSG; // "Mismatch between global data type and sinfo"
                    }
                }
                else if (Oid.Is(type, Oid.MessageDigestAttribute))
                {
                    if (haveDigest)
                    {
                        return (int)LinuxErrno.EKEYREJECTED;
                    }
                    if (value.Tag != DerTag.OctetString)
                    {
                        return (int)LinuxErrno.EBADMSG;
                    }
                    haveDigest = true;
                    digest = value.Content;
                }
                else if (Oid.Is(type, s_signingTime))
                {
                    if (haveTime)
                    {
                        return (int)LinuxErrno.EKEYREJECTED;
                    }
                    if (!Asn1Time.TryDecode(value.Tag, value.Content, out signingTime))
                    {
                        return (int)LinuxErrno.EBADMSG; // x509_decode_time
                    }
                    haveTime = true;
                }
                else if (Oid.Is(type, s_smimeCapabilities) || Oid.Is(type, s_spOpusInfo) || Oid.Is(type, s_statementType))
                {
                    ref bool seen = ref haveCaps;
                    if (Oid.Is(type, s_spOpusInfo))
                    {
                        seen = ref haveOpus;
                    }
                    else if (Oid.Is(type, s_statementType))
                    {
                        seen = ref haveStatement;
                    }
                    if (seen)
                    {
                        return (int)LinuxErrno.EKEYREJECTED;
                    }
                    seen = true;
                }
            }
        }
        if (!haveType || !haveDigest)
        {
            return (int)LinuxErrno.EBADMSG; // "Missing required AuthAttr"
        }
        attributes = new AuthenticodeSignedAttributes(digest, haveTime, signingTime);
        return 0;
    }
}
