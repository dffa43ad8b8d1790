using System;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Asn1;
using Lvbs.Kernel.Crypto.Rsa;
using Lvbs.Kernel.Keys;

namespace Lvbs.Kernel.Kexec.Authenticode;

/// <summary>
/// The Authenticode content (Authenticode PE format, "SpcIndirectDataContent"):
/// SEQUENCE { data SpcAttributeTypeAndOptionalValue { type, value }, messageDigest DigestInfo
/// { digestAlgorithm, digest } }, decoded as Linux 6.1 mscode.asn1 / mscode_parser.c accept it:
/// the data type must be SPC_PE_IMAGE_DATAOBJ (or SPC_INDIVIDUAL_SP_KEY_PURPOSE, which pesign
/// and sbsign have used) and its value is present; the digest algorithm is the image hash's.
/// </summary>
public readonly ref struct SpcIndirectDataContent
{
    /// <summary>1.3.6.1.4.1.311.2.1.15 SPC_PE_IMAGE_DATAOBJ.</summary>
    public static readonly byte[] PeImageDataOid = { 0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x01, 0x0F };

    /// <summary>1.3.6.1.4.1.311.2.1.21 SPC_INDIVIDUAL_SP_KEY_PURPOSE_OBJID.</summary>
    public static readonly byte[] IndividualKeyPurposeOid = { 0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x01, 0x15 };

    private SpcIndirectDataContent(DigestAlgorithm algorithm, ReadOnlySpan<byte> digest)
    {
        DigestAlgorithm = algorithm;
        Digest = digest;
    }

    /// <summary>The image hash algorithm.</summary>
    public DigestAlgorithm DigestAlgorithm { get; }

    /// <summary>The image hash the signer vouches for.</summary>
    public ReadOnlySpan<byte> Digest { get; }

    /// <summary>
    /// Parses the SpcIndirectDataContent TLV. 0; EBADMSG for bad DER, trailing bytes or another
    /// data type ("Unexpected content type OID"); ENOPKG for a digest algorithm other than
    /// SHA-256/384/512 (Linux mscode_note_digest_algo knows MD4..SHA-512; SHA-1 and older are
    /// refused here as everywhere in this kernel).
    /// </summary>
    public static int TryParse(ReadOnlySpan<byte> tlv, out SpcIndirectDataContent content)
    {
        content = default;
        DerReader outer = new DerReader(tlv);
        if (outer.TryEnter(DerTag.Sequence, out DerReader spc) != DerStatus.Ok || outer.ExpectEnd() != DerStatus.Ok
            || spc.TryEnter(DerTag.Sequence, out DerReader data) != DerStatus.Ok
            || data.TryReadOid(out ReadOnlySpan<byte> type) != DerStatus.Ok
            || data.TrySkip() != DerStatus.Ok || data.ExpectEnd() != DerStatus.Ok)
        {
            return (int)LinuxErrno.EBADMSG;
        }
        if (!type.SequenceEqual(PeImageDataOid) && !type.SequenceEqual(IndividualKeyPurposeOid))
        {
            return (int)LinuxErrno.EBADMSG;
        }
        if (spc.TryEnter(DerTag.Sequence, out DerReader digestInfo) != DerStatus.Ok || spc.ExpectEnd() != DerStatus.Ok
            || digestInfo.TryEnter(DerTag.Sequence, out DerReader alg) != DerStatus.Ok
            || alg.TryReadOid(out ReadOnlySpan<byte> algOid) != DerStatus.Ok
            || (alg.HasData && alg.TrySkip() != DerStatus.Ok) || alg.ExpectEnd() != DerStatus.Ok
            || digestInfo.TryReadContent(DerTag.OctetString, out ReadOnlySpan<byte> digest) != DerStatus.Ok
            || digestInfo.ExpectEnd() != DerStatus.Ok)
        {
            return (int)LinuxErrno.EBADMSG;
        }
        if (!SignatureAlgorithms.TryParseDigest(algOid, out DigestAlgorithm algorithm)
            || !SignatureAlgorithms.IsAcceptedForSignature(algorithm))
        {
            return (int)LinuxErrno.ENOPKG;
        }
        content = new SpcIndirectDataContent(algorithm, digest);
        return 0;
    }
}
