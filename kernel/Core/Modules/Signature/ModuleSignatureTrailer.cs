using System;
using System.Buffers.Binary;
using Lvbs.Abi.Heki;

namespace Lvbs.Kernel.Modules.Signature;

/// <summary>
/// The appended module signature (include/linux/module_signature.h):
/// <c>[body][PKCS#7, sig_len][struct module_signature, 12 B]["~Module signature appended~\n"]</c>,
/// checked in exactly the order of Linux 6.1 <c>module_sig_check()</c>, <c>mod_verify_sig()</c>
/// and <c>mod_check_sig()</c> so every malformed trailer gets the errno Linux gives.
/// </summary>
public static class ModuleSignatureTrailer
{
    /// <summary>sizeof(MODULE_SIG_STRING) - 1.</summary>
    public const int MarkerLength = 28;

    /// <summary>sizeof(struct module_signature).</summary>
    public const int InfoLength = 12;

    /// <summary>PKEY_ID_PKCS7: the only id_type Linux accepts.</summary>
    public const byte IdTypePkcs7 = 2;

    private static readonly byte[] s_marker =
    {
        0x7E, 0x4D, 0x6F, 0x64, 0x75, 0x6C, 0x65, 0x20, 0x73, 0x69, 0x67, 0x6E, 0x61, 0x74,
        0x75, 0x72, 0x65, 0x20, 0x61, 0x70, 0x70, 0x65, 0x6E, 0x64, 0x65, 0x64, 0x7E, 0x0A,
    };

    /// <summary>The marker "~Module signature appended~\n".</summary>
    public static ReadOnlySpan<byte> Marker => s_marker;

    /// <summary>module_sig_check(): the file is longer than the marker and ends with it.</summary>
    public static bool HasMarker(ReadOnlySpan<byte> file) =>
        file.Length > MarkerLength && file.Slice(file.Length - MarkerLength).SequenceEqual(s_marker);

    /// <summary>
    /// Splits a file that <see cref="HasMarker"/> into body and PKCS#7. Returns 0 or EBADMSG
    /// (too short; sig_len ≥ file_len - 12; a non-zero algo, hash, signer_len, key_id_len or
    /// pad) or ENOPKG (id_type ≠ PKEY_ID_PKCS7), in mod_check_sig()'s order.
    /// </summary>
    public static int TrySplit(ReadOnlySpan<byte> file, out int bodyLength, out int signatureLength)
    {
        bodyLength = 0;
        signatureLength = 0;
        if (!HasMarker(file))
        {
            return (int)LinuxErrno.ENODATA;
        }
        int modlen = file.Length - MarkerLength;
        if (modlen <= InfoLength)
        {
            return (int)LinuxErrno.EBADMSG; // mod_verify_sig: modlen <= sizeof(ms)
        }
        ReadOnlySpan<byte> ms = file.Slice(modlen - InfoLength, InfoLength);
        uint sigLen = BinaryPrimitives.ReadUInt32BigEndian(ms.Slice(8));
        if (sigLen >= (uint)(modlen - InfoLength))
        {
            return (int)LinuxErrno.EBADMSG;
        }
        if (ms[2] != IdTypePkcs7)
        {
            return (int)LinuxErrno.ENOPKG; // "not signed with expected PKCS#7 message"
        }
        if (ms[0] != 0 || ms[1] != 0 || ms[3] != 0 || ms[4] != 0 || ms[5] != 0 || ms[6] != 0 || ms[7] != 0)
        {
            return (int)LinuxErrno.EBADMSG; // "PKCS#7 signature info has unexpected non-zero params"
        }
        signatureLength = (int)sigLen;
        bodyLength = modlen - InfoLength - signatureLength;
        return 0;
    }
}
