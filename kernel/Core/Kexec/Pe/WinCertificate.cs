using System;
using System.Buffers.Binary;
using Lvbs.Abi.Heki;

namespace Lvbs.Kernel.Kexec.Pe;

/// <summary>
/// The first WIN_CERTIFICATE of the attribute certificate table (Microsoft PE Format, "The
/// Attribute Certificate Table (Image Only)": dwLength, wRevision, wCertificateType,
/// bCertificate) and the PKCS#7 SignedData it wraps, unwrapped as Linux 6.1
/// <c>pefile_strip_sig_wrapper</c> does: only the first entry is used, its dwLength may not
/// exceed the table, revision must be 2.0 and type PKCS_SIGNED_DATA, and the PKCS#7 is cut to
/// the length its own DER header gives (the rest is the table's 8-byte padding).
/// </summary>
public static class WinCertificate
{
    /// <summary>WIN_CERTIFICATE header size.</summary>
    public const int HeaderSize = 8;

    /// <summary>WIN_CERT_REVISION_2_0.</summary>
    public const ushort Revision2 = 0x0200;

    /// <summary>WIN_CERT_TYPE_PKCS_SIGNED_DATA.</summary>
    public const ushort TypePkcsSignedData = 0x0002;

    /// <summary>
    /// Finds the PKCS#7 message in pe's certificate table. 0; ELIBBAD when the table is shorter
    /// than a header, dwLength exceeds the table, the revision or type is another (Linux gives
    /// its kernel-internal ENOTSUPP, 524, there, which no userspace errno names), or the
    /// contents do not start with a DER SEQUENCE whose length fits; EBADMSG when fewer than 4
    /// bytes of contents remain or the SEQUENCE length needs more than two octets (Linux
    /// EMSGSIZE) or is indefinite (Linux lets the PKCS#7 parser refuse that: EBADMSG).
    /// </summary>
    public static int TryGetPkcs7(ReadOnlySpan<byte> image, in PeImage pe, out ReadOnlySpan<byte> pkcs7)
    {
        pkcs7 = default;
        ReadOnlySpan<byte> table = image.Slice(pe.CertificateTableOffset, pe.CertificateTableSize);
        if (table.Length < HeaderSize)
        {
            return (int)LinuxErrno.ELIBBAD;
        }
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(table);
        ushort revision = BinaryPrimitives.ReadUInt16LittleEndian(table.Slice(4));
        ushort type = BinaryPrimitives.ReadUInt16LittleEndian(table.Slice(6));
        if (length > (uint)table.Length)
        {
            return (int)LinuxErrno.ELIBBAD;
        }
        if (revision != Revision2 || type != TypePkcsSignedData)
        {
            return (int)LinuxErrno.ELIBBAD;
        }
        if (length < HeaderSize + 4)
        {
            return (int)LinuxErrno.EBADMSG; // Linux: sig_len < 4 after the header
        }
        ReadOnlySpan<byte> contents = table.Slice(HeaderSize, (int)length - HeaderSize);
        if (contents[0] != 0x30)
        {
            return (int)LinuxErrno.ELIBBAD; // "Signature data not PKCS#7"
        }
        int first = contents[1];
        int total;
        if (first < 0x80)
        {
            total = first + 2;
        }
        else if (first == 0x81)
        {
            total = contents[2] + 3;
        }
        else if (first == 0x82)
        {
            total = ((contents[2] << 8) | contents[3]) + 4;
        }
        else
        {
            return (int)LinuxErrno.EBADMSG; // 0x80 indefinite, 0x83.. too long (Linux EMSGSIZE)
        }
        if (total > contents.Length)
        {
            return (int)LinuxErrno.ELIBBAD;
        }
        pkcs7 = contents.Slice(0, total);
        return 0;
    }
}
