using System;
using System.Buffers.Binary;
using Lvbs.Abi.Heki;

namespace Lvbs.Kernel.Kexec.Pe;

/// <summary>
/// The layout of a PE/COFF image file (a bzImage with its EFI stub) as far as Authenticode
/// needs it, checked against the Microsoft PE Format specification and Linux 6.1
/// crypto/asymmetric_keys/verify_pefile.c <c>pefile_parse_binary</c> (same errno), but
/// stricter where Linux trusts the file: every range the digest reads is proven inside the
/// image here, so hashing can never read out of bounds. Offsets only; the image is not copied.
/// </summary>
public readonly struct PeImage
{
    /// <summary>Size of the MS-DOS header (Linux struct mz_hdr); e_lfanew is at 0x3C.</summary>
    public const int DosHeaderSize = 64;

    /// <summary>"PE\0\0" plus the 20-byte COFF file header (Linux struct pe_hdr).</summary>
    public const int PeHeaderSize = 24;

    /// <summary>Optional header magic of PE32 ("Optional Header Standard Fields").</summary>
    public const ushort Pe32Magic = 0x10B;

    /// <summary>Optional header magic of PE32+.</summary>
    public const ushort Pe32PlusMagic = 0x20B;

    /// <summary>PE32 optional header fields before the data directories.</summary>
    public const int Pe32FixedSize = 96;

    /// <summary>PE32+ optional header fields before the data directories.</summary>
    public const int Pe32PlusFixedSize = 112;

    /// <summary>Index of the Certificate Table in the data directories ("Optional Header Data Directories").</summary>
    public const int CertificateDirectoryIndex = 4;

    /// <summary>Size of one IMAGE_DATA_DIRECTORY.</summary>
    public const int DataDirectorySize = 8;

    /// <summary>Most sections accepted (the PE format notes the Windows loader's limit of 96).</summary>
    public const int MaxSections = 96;

    /// <summary>Offset of CheckSum in both optional header forms ("Optional Header Windows-Specific Fields").</summary>
    private const int CheckSumField = 64;

    /// <summary>Offset of SizeOfHeaders in both optional header forms.</summary>
    private const int SizeOfHeadersField = 60;

    private PeImage(int length, bool pe32Plus, int checkSumOffset, int certDirectoryOffset, int sizeOfHeaders,
        int certOffset, int certSize, int sectionTableOffset, int sectionCount, int dataDirectoryCount, long sumOfBytesHashed)
    {
        Length = length;
        IsPe32Plus = pe32Plus;
        CheckSumOffset = checkSumOffset;
        CertificateDirectoryOffset = certDirectoryOffset;
        SizeOfHeaders = sizeOfHeaders;
        CertificateTableOffset = certOffset;
        CertificateTableSize = certSize;
        SectionTableOffset = sectionTableOffset;
        SectionCount = sectionCount;
        DataDirectoryCount = dataDirectoryCount;
        SumOfBytesHashed = sumOfBytesHashed;
    }

    /// <summary>The image file length.</summary>
    public int Length { get; }

    /// <summary>True for PE32+ (optional header magic 0x20B), false for PE32.</summary>
    public bool IsPe32Plus { get; }

    /// <summary>File offset of the 4-byte CheckSum field (left out of the digest).</summary>
    public int CheckSumOffset { get; }

    /// <summary>File offset of the 8-byte Certificate Table directory entry (left out of the digest).</summary>
    public int CertificateDirectoryOffset { get; }

    /// <summary>SizeOfHeaders: the headers the digest covers first.</summary>
    public int SizeOfHeaders { get; }

    /// <summary>File offset of the attribute certificate table (a file pointer, not an RVA).</summary>
    public int CertificateTableOffset { get; }

    /// <summary>Size of the attribute certificate table.</summary>
    public int CertificateTableSize { get; }

    /// <summary>File offset of the section table.</summary>
    public int SectionTableOffset { get; }

    /// <summary>NumberOfSections.</summary>
    public int SectionCount { get; }

    /// <summary>NumberOfRvaAndSizes.</summary>
    public int DataDirectoryCount { get; }

    /// <summary>SizeOfHeaders plus every section's SizeOfRawData (the Authenticode SUM_OF_BYTES_HASHED).</summary>
    public long SumOfBytesHashed { get; }

    /// <summary>
    /// Bytes after SUM_OF_BYTES_HASHED that the digest covers last: file size − (certificate
    /// table size + SUM_OF_BYTES_HASHED) when the file is longer than SUM_OF_BYTES_HASHED
    /// (Authenticode spec step 15; Linux pefile_digest_pe_contents), else 0.
    /// </summary>
    public int TrailingLength => Length > SumOfBytesHashed ? (int)(Length - CertificateTableSize - SumOfBytesHashed) : 0;

    /// <summary>The i-th section table entry of image (0 ≤ i &lt; <see cref="SectionCount"/>).</summary>
    public PeSectionHeader Section(ReadOnlySpan<byte> image, int i) =>
        PeSectionHeader.Read(image.Slice(SectionTableOffset + i * PeSectionHeader.Size, PeSectionHeader.Size));

    /// <summary>
    /// Parses image. 0; ENODATA when the Certificate Table entry is empty (unsigned, as Linux
    /// "Unsigned PE binary"); ELIBBAD for anything else that is not a well-formed image: no MZ,
    /// e_lfanew out of range, no PE signature, optional header magic neither PE32 nor PE32+ or
    /// truncated, SizeOfHeaders outside the file or smaller than the headers, fewer than 5 data
    /// directories or more than fit, SizeOfOptionalHeader disagreeing with them, more sections
    /// than fit in SizeOfHeaders or than <see cref="MaxSections"/>, a section's raw data outside
    /// the file or running into the certificate table, a certificate table that is not 8-byte
    /// aligned, starts inside the headers, or does not end exactly at the end of the file.
    /// </summary>
    public static int TryParse(ReadOnlySpan<byte> image, out PeImage pe)
    {
        pe = default;
        int len = image.Length;
        // "MS-DOS Stub (Image Only)": the file starts with the MZ header; e_lfanew at 0x3C.
        if (len < DosHeaderSize || image[0] != (byte)'M' || image[1] != (byte)'Z')
        {
            return (int)LinuxErrno.ELIBBAD;
        }
        uint lfanew = BinaryPrimitives.ReadUInt32LittleEndian(image.Slice(0x3C));
        // "Signature (Image Only)" + "COFF File Header": after the DOS header, inside the file.
        if (lfanew < DosHeaderSize || lfanew > (uint)len || (uint)len - lfanew < PeHeaderSize + 2)
        {
            return (int)LinuxErrno.ELIBBAD;
        }
        int peOffset = (int)lfanew;
        if (image[peOffset] != (byte)'P' || image[peOffset + 1] != (byte)'E' || image[peOffset + 2] != 0 || image[peOffset + 3] != 0)
        {
            return (int)LinuxErrno.ELIBBAD;
        }
        int sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(image.Slice(peOffset + 6));
        int sizeOfOptionalHeader = BinaryPrimitives.ReadUInt16LittleEndian(image.Slice(peOffset + 20));

        // "Optional Header (Image Only)": the magic selects PE32 or PE32+.
        int opt = peOffset + PeHeaderSize;
        ushort magic = BinaryPrimitives.ReadUInt16LittleEndian(image.Slice(opt));
        int fixedSize;
        bool pe32Plus;
        switch (magic)
        {
            case Pe32Magic:
                fixedSize = Pe32FixedSize;
                pe32Plus = false;
                break;
            case Pe32PlusMagic:
                fixedSize = Pe32PlusFixedSize;
                pe32Plus = true;
                break;
            default:
                return (int)LinuxErrno.ELIBBAD; // "Unknown PEOPT magic"
        }
        if (len - opt < fixedSize)
        {
            return (int)LinuxErrno.ELIBBAD;
        }
        uint sizeOfHeaders = BinaryPrimitives.ReadUInt32LittleEndian(image.Slice(opt + SizeOfHeadersField));
        uint dirCount = BinaryPrimitives.ReadUInt32LittleEndian(image.Slice(opt + fixedSize - 4));
        int dirs = opt + fixedSize;
        if (sizeOfHeaders < (uint)dirs || sizeOfHeaders > (uint)len)
        {
            return (int)LinuxErrno.ELIBBAD; // Linux: header_size < cursor
        }
        // "Optional Header Data Directories": the Certificate Table is entry 4, so at least 5;
        // all of them inside SizeOfHeaders (Linux: n_data_dirents > (header_size - cursor) / 8).
        if (dirCount < CertificateDirectoryIndex + 1 || dirCount > (sizeOfHeaders - (uint)dirs) / DataDirectorySize)
        {
            return (int)LinuxErrno.ELIBBAD;
        }
        // The section table follows the optional header (SizeOfOptionalHeader); Linux takes it
        // to follow the data directories: require both readings to agree.
        int sectionTable = dirs + (int)dirCount * DataDirectorySize;
        if (sizeOfOptionalHeader != sectionTable - opt)
        {
            return (int)LinuxErrno.ELIBBAD;
        }

        // "The Attribute Certificate Table (Image Only)": VirtualAddress is a file pointer.
        int certDirectory = dirs + CertificateDirectoryIndex * DataDirectorySize;
        uint certOffset = BinaryPrimitives.ReadUInt32LittleEndian(image.Slice(certDirectory));
        uint certSize = BinaryPrimitives.ReadUInt32LittleEndian(image.Slice(certDirectory + 4));
        if (certOffset == 0 || certSize == 0)
        {
            return (int)LinuxErrno.ENODATA; // "Unsigned PE binary"
        }
        // Linux chkaddr(header_size, offset, size); the spec's quadword alignment; and (stricter)
        // the table ends the file, so no unsigned bytes can follow it.
        if (certOffset < sizeOfHeaders || certOffset > (uint)len || certSize > (uint)len - certOffset
            || (certOffset & 7) != 0 || certOffset + certSize != (uint)len)
        {
            return (int)LinuxErrno.ELIBBAD;
        }

        // "Section Table": NumberOfSections entries, inside SizeOfHeaders.
        if (sectionCount > MaxSections || (uint)sectionCount > (sizeOfHeaders - (uint)sectionTable) / PeSectionHeader.Size)
        {
            return (int)LinuxErrno.ELIBBAD;
        }
        long hashed = sizeOfHeaders;
        for (int i = 0; i < sectionCount; i++)
        {
            PeSectionHeader s = PeSectionHeader.Read(image.Slice(sectionTable + i * PeSectionHeader.Size));
            if (s.SizeOfRawData == 0)
            {
                continue; // not hashed (Linux skips raw_data_size == 0)
            }
            if ((ulong)s.PointerToRawData + s.SizeOfRawData > certOffset)
            {
                return (int)LinuxErrno.ELIBBAD; // raw data past EOF or over the certificate table
            }
            hashed += s.SizeOfRawData;
        }
        // Linux hashes pelen - (hashed + certs_size) trailing bytes when pelen > hashed, an
        // unsigned underflow if the sections overlap; refuse that instead.
        if (len > hashed && len - hashed < certSize)
        {
            return (int)LinuxErrno.ELIBBAD;
        }
        pe = new PeImage(len, pe32Plus, opt + CheckSumField, certDirectory, (int)sizeOfHeaders, (int)certOffset, (int)certSize,
            sectionTable, sectionCount, (int)dirCount, hashed);
        return 0;
    }
}
