using System;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Asn1;

namespace Lvbs.Kernel.Modules.Signature;

/// <summary>
/// A PKCS#7 / CMS ContentInfo holding SignedData (RFC 2315 §7, §9.1; RFC 5652 §5.1), decoded
/// as Linux 6.1 crypto/asymmetric_keys/pkcs7.asn1 accepts it but from DER only (indefinite
/// lengths, non-minimal lengths and trailing bytes are EBADMSG). Embedded certificates are
/// exposed undecoded (<see cref="Certificates"/>: module verification ignores them, Authenticode
/// chains through them) and CRLs are skipped; neither confers trust by itself. All SignerInfos
/// are parsed up front, so a message is either wholly well-formed or refused before any key is
/// looked at.
/// </summary>
public readonly ref struct Pkcs7SignedData
{
    /// <summary>Most SignerInfos accepted (module signatures carry one).</summary>
    public const int MaxSigners = 8;

    private Pkcs7SignedData(int version, bool isData, bool isIndirect, bool hasContent, ReadOnlySpan<byte> content,
        bool hasAuthAttrs, int signerCount, ReadOnlySpan<byte> signerInfos, ReadOnlySpan<byte> certificates)
    {
        Certificates = certificates;
        Version = version;
        IsDataContent = isData;
        IsIndirectDataContent = isIndirect;
        HasContent = hasContent;
        Content = content;
        HasAuthenticatedAttributes = hasAuthAttrs;
        SignerCount = signerCount;
        _signerInfos = signerInfos;
    }

    private readonly ReadOnlySpan<byte> _signerInfos;

    /// <summary>SignedData version (1 or 3).</summary>
    public int Version { get; }

    /// <summary>encapContentInfo contentType is id-data.</summary>
    public bool IsDataContent { get; }

    /// <summary>encapContentInfo contentType is SPC_INDIRECT_DATA (Authenticode).</summary>
    public bool IsIndirectDataContent { get; }

    /// <summary>True when the content is embedded (not detached).</summary>
    public bool HasContent { get; }

    /// <summary>The [0] EXPLICIT content's inner TLV when present.</summary>
    public ReadOnlySpan<byte> Content { get; }

    /// <summary>True when the signers carry authenticated attributes (all or none do).</summary>
    public bool HasAuthenticatedAttributes { get; }

    /// <summary>
    /// The contents of the certificates field ([0] or [2] IMPLICIT SET OF certificate): zero or
    /// more concatenated certificate TLVs, undecoded; empty when absent.
    /// </summary>
    public ReadOnlySpan<byte> Certificates { get; }

    /// <summary>Number of SignerInfos.</summary>
    public int SignerCount { get; }

    /// <summary>A reader positioned on the first SignerInfo (parse each with <see cref="Pkcs7SignerInfo.TryParse"/>).</summary>
    public DerReader Signers => new DerReader(_signerInfos);

    /// <summary>
    /// Parses a DER ContentInfo. 0; EBADMSG (encoding, grammar, mixed authenticated attributes,
    /// too many signers, indirect data without attributes); EINVAL (outer type not signedData,
    /// unsupported SignedData or SignerInfo version, inner content type neither data nor
    /// SPC_INDIRECT_DATA); ENOPKG (unsupported digest or public-key algorithm); EKEYREJECTED
    /// when SignedData is absent (Linux then fails the data-type check).
    /// </summary>
    public static int TryParse(ReadOnlySpan<byte> der, out Pkcs7SignedData message)
    {
        message = default;
        DerReader outer = new DerReader(der);
        if (outer.TryEnter(DerTag.Sequence, out DerReader contentInfo) != DerStatus.Ok || outer.ExpectEnd() != DerStatus.Ok
            || contentInfo.TryReadOid(out ReadOnlySpan<byte> type) != DerStatus.Ok)
        {
            return (int)LinuxErrno.EBADMSG;
        }
        if (!Oid.Is(type, Oid.SignedData))
        {
            return (int)LinuxErrno.EINVAL; // pkcs7_check_content_type
        }
        if (!contentInfo.HasData)
        {
            return (int)LinuxErrno.EKEYREJECTED;
        }
        if (contentInfo.TryEnter(DerTag.ContextConstructed(0), out DerReader explicitSd) != DerStatus.Ok
            || contentInfo.ExpectEnd() != DerStatus.Ok
            || explicitSd.TryEnter(DerTag.Sequence, out DerReader sd) != DerStatus.Ok
            || explicitSd.ExpectEnd() != DerStatus.Ok
            || sd.TryReadSmallInteger(out int version) != DerStatus.Ok)
        {
            return (int)LinuxErrno.EBADMSG;
        }
        if (version != 1 && version != 3)
        {
            return (int)LinuxErrno.EINVAL; // "Unsupported SignedData version"
        }

        // digestAlgorithms: SET OF or SEQUENCE OF AlgorithmIdentifier (checked for shape only;
        // each SignerInfo names its own digest).
        byte daTag = sd.NextIs(DerTag.Sequence) ? DerTag.Sequence : DerTag.Set;
        if (sd.TryEnter(daTag, out DerReader digestAlgs) != DerStatus.Ok)
        {
            return (int)LinuxErrno.EBADMSG;
        }
        while (digestAlgs.HasData)
        {
            if (digestAlgs.TryEnter(DerTag.Sequence, out DerReader alg) != DerStatus.Ok || alg.TryReadOid(out _) != DerStatus.Ok)
            {
                return (int)LinuxErrno.EBADMSG;
            }
        }

        // encapContentInfo: ContentInfo { contentType, content [0] EXPLICIT ANY OPTIONAL }.
        if (sd.TryEnter(DerTag.Sequence, out DerReader encap) != DerStatus.Ok
            || encap.TryReadOid(out ReadOnlySpan<byte> dataType) != DerStatus.Ok)
        {
            return (int)LinuxErrno.EBADMSG;
        }
        bool isData = Oid.Is(dataType, Oid.Data);
        bool isIndirect = Oid.Is(dataType, Oid.MsIndirectData);
        if (!isData && !isIndirect)
        {
            return (int)LinuxErrno.EINVAL; // pkcs7_note_content: "Unsupported data type"
        }
        bool hasContent = false;
        ReadOnlySpan<byte> content = default;
        if (encap.HasData)
        {
            if (encap.TryEnter(DerTag.ContextConstructed(0), out DerReader wrapped) != DerStatus.Ok
                || wrapped.TryRead(out DerElement inner) != DerStatus.Ok || wrapped.ExpectEnd() != DerStatus.Ok
                || encap.ExpectEnd() != DerStatus.Ok)
            {
                return (int)LinuxErrno.EBADMSG;
            }
            hasContent = true;
            content = inner.Encoded;
        }

        // certificates [0]/[2] (kept undecoded) and crls [1]/[3] (skipped), OPTIONAL.
        ReadOnlySpan<byte> certificates = default;
        if (sd.NextIs(DerTag.ContextConstructed(0)) || sd.NextIs(DerTag.ContextConstructed(2)))
        {
            if (sd.TryRead(out DerElement certs) != DerStatus.Ok)
            {
                return (int)LinuxErrno.EBADMSG;
            }
            certificates = certs.Content;
        }
        if (sd.NextIs(DerTag.ContextConstructed(1)) || sd.NextIs(DerTag.ContextConstructed(3)))
        {
            if (sd.TrySkip() != DerStatus.Ok)
            {
                return (int)LinuxErrno.EBADMSG;
            }
        }

        byte siTag = sd.NextIs(DerTag.Sequence) ? DerTag.Sequence : DerTag.Set;
        if (sd.TryReadContent(siTag, out ReadOnlySpan<byte> signerInfos) != DerStatus.Ok || sd.ExpectEnd() != DerStatus.Ok)
        {
            return (int)LinuxErrno.EBADMSG;
        }
        DerReader signers = new DerReader(signerInfos);
        int count = 0, withAttrs = 0;
        while (signers.HasData)
        {
            if (count == MaxSigners)
            {
                return (int)LinuxErrno.EBADMSG;
            }
            int status = Pkcs7SignerInfo.TryParse(ref signers, version, out Pkcs7SignerInfo si);
            if (status != 0)
            {
                return status;
            }
            if (isIndirect && !si.HasAuthenticatedAttributes)
            {
                return (int)LinuxErrno.EBADMSG; // pkcs7_note_signed_info: authattrs required
            }
            count++;
            withAttrs += si.HasAuthenticatedAttributes ? 1 : 0;
        }
        if (withAttrs != 0 && withAttrs != count)
        {
            return (int)LinuxErrno.EBADMSG; // pkcs7_check_authattrs: all or none
        }
        message = new Pkcs7SignedData(version, isData, isIndirect, hasContent, content, withAttrs != 0, count, signerInfos, certificates);
        return 0;
    }
}
