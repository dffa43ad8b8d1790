using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace Lvbs.Tests.Unit.Kexec;

/// <summary>
/// Builds small synthetic PE/COFF images (PE32+ or PE32) laid out like a bzImage's EFI stub
/// view, and computes their Authenticode hash independently of the kernel (straight from the
/// Authenticode PE specification's steps), so signing a test image does not reuse the code
/// under test.
/// </summary>
public sealed class TestPeImage
{
    public const int HeaderSize = 0x400;
    public const int LfaNew = 0x80;
    public const int DirCount = 16;

    /// <summary>Sections as (name, raw size); laid out in this order unless <see cref="TableOrder"/> says otherwise.</summary>
    public List<(string Name, int Size)> Sections { get; } = [(".setup", 0x600), (".text", 0x1200), (".data", 0x400)];

    /// <summary>Section table order (indexes into <see cref="Sections"/>); null = file order.</summary>
    public int[]? TableOrder { get; set; }

    public bool Pe32 { get; set; }

    /// <summary>Bytes after the last section and before the certificate table (a multiple of 8 keeps it aligned).</summary>
    public int TrailingLength { get; set; }

    public int Seed { get; set; } = 1;

    public int OptionalFixedSize => Pe32 ? 96 : 112;

    public int OptionalHeaderOffset => LfaNew + 24;

    public int CheckSumOffset => OptionalHeaderOffset + 64;

    public int DirectoriesOffset => OptionalHeaderOffset + OptionalFixedSize;

    public int CertDirectoryOffset => DirectoriesOffset + 4 * 8;

    public int SectionTableOffset => DirectoriesOffset + DirCount * 8;

    /// <summary>The unsigned image (certificate directory empty).</summary>
    public byte[] BuildUnsigned()
    {
        int body = HeaderSize;
        foreach (var (_, size) in Sections)
        {
            body += size;
        }
        byte[] image = new byte[body + TrailingLength];
        new Random(Seed).NextBytes(image.AsSpan(HeaderSize));
        Span<byte> h = image;
        h[0] = (byte)'M';
        h[1] = (byte)'Z';
        for (int i = 2; i < LfaNew; i++)
        {
            h[i] = 0;
        }
        "This program cannot be run in DOS mode."u8.CopyTo(h.Slice(0x40));
        BinaryPrimitives.WriteUInt32LittleEndian(h.Slice(0x3C), LfaNew);
        "PE\0\0"u8.CopyTo(h.Slice(LfaNew));
        BinaryPrimitives.WriteUInt16LittleEndian(h.Slice(LfaNew + 4), 0x8664);
        BinaryPrimitives.WriteUInt16LittleEndian(h.Slice(LfaNew + 6), (ushort)Sections.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(h.Slice(LfaNew + 20), (ushort)(OptionalFixedSize + DirCount * 8));
        BinaryPrimitives.WriteUInt16LittleEndian(h.Slice(LfaNew + 22), 0x0206);
        int opt = OptionalHeaderOffset;
        BinaryPrimitives.WriteUInt16LittleEndian(h.Slice(opt), (ushort)(Pe32 ? 0x10B : 0x20B));
        BinaryPrimitives.WriteUInt32LittleEndian(h.Slice(opt + 32), 0x1000); // SectionAlignment
        BinaryPrimitives.WriteUInt32LittleEndian(h.Slice(opt + 36), 0x200);  // FileAlignment
        BinaryPrimitives.WriteUInt32LittleEndian(h.Slice(opt + 60), HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(h.Slice(opt + 64), 0x12345678); // CheckSum
        BinaryPrimitives.WriteUInt32LittleEndian(h.Slice(opt + OptionalFixedSize - 4), DirCount);
        for (int i = 0; i < DirCount * 8; i++)
        {
            h[DirectoriesOffset + i] = 0;
        }
        for (int i = SectionTableOffset; i < HeaderSize; i++)
        {
            h[i] = 0;
        }

        int[] order = TableOrder ?? Identity(Sections.Count);
        int[] fileOffset = new int[Sections.Count];
        int at = HeaderSize;
        for (int i = 0; i < Sections.Count; i++)
        {
            fileOffset[i] = at;
            at += Sections[i].Size;
        }
        for (int slot = 0; slot < order.Length; slot++)
        {
            int i = order[slot];
            Span<byte> e = h.Slice(SectionTableOffset + slot * 40, 40);
            System.Text.Encoding.ASCII.GetBytes(Sections[i].Name).CopyTo(e);
            BinaryPrimitives.WriteUInt32LittleEndian(e.Slice(8), (uint)Sections[i].Size);
            BinaryPrimitives.WriteUInt32LittleEndian(e.Slice(12), (uint)(0x1000 * (i + 1)));
            BinaryPrimitives.WriteUInt32LittleEndian(e.Slice(16), (uint)Sections[i].Size);
            BinaryPrimitives.WriteUInt32LittleEndian(e.Slice(20), (uint)fileOffset[i]);
        }
        return image;
    }

    /// <summary>
    /// The Authenticode image hash of an image with a certificate table of certSize bytes
    /// appended (spec "Calculating the PE Image Hash", steps 1–15), computed here independently.
    /// </summary>
    public byte[] ReferenceDigest(byte[] unsigned, int certSize, HashAlgorithmName hash)
    {
        using var h = IncrementalHash.CreateHash(hash);
        byte[] image = unsigned;
        // Steps 3–7: headers without CheckSum and the Certificate Table entry.
        h.AppendData(image, 0, CheckSumOffset);
        h.AppendData(image, CheckSumOffset + 4, CertDirectoryOffset - (CheckSumOffset + 4));
        h.AppendData(image, CertDirectoryOffset + 8, HeaderSize - (CertDirectoryOffset + 8));
        // Steps 10–13: sections sorted by PointerToRawData.
        var rows = new List<(uint Ptr, uint Size)>();
        for (int i = 0; i < Sections.Count; i++)
        {
            var e = image.AsSpan(SectionTableOffset + i * 40, 40);
            rows.Add((BinaryPrimitives.ReadUInt32LittleEndian(e.Slice(20)), BinaryPrimitives.ReadUInt32LittleEndian(e.Slice(16))));
        }
        rows.Sort((a, b) => a.Ptr.CompareTo(b.Ptr));
        long sum = HeaderSize;
        foreach (var (ptr, size) in rows)
        {
            h.AppendData(image, (int)ptr, (int)size);
            sum += size;
        }
        // Steps 14–15: extra data up to the certificate table.
        long fileSize = image.Length + certSize;
        if (fileSize > sum)
        {
            h.AppendData(image, (int)sum, (int)(fileSize - certSize - sum));
        }
        return h.GetHashAndReset();
    }

    /// <summary>Appends a WIN_CERTIFICATE (revision 2.0, PKCS_SIGNED_DATA) padded to 8 bytes and points the directory at it.</summary>
    public static byte[] AttachCertificate(byte[] unsigned, byte[] pkcs7, int certDirectoryOffset, ushort revision = 0x200, ushort type = 2)
    {
        int length = 8 + pkcs7.Length;
        int padded = (length + 7) & ~7;
        byte[] image = new byte[unsigned.Length + padded];
        unsigned.CopyTo(image, 0);
        Span<byte> w = image.AsSpan(unsigned.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(w, (uint)padded);
        BinaryPrimitives.WriteUInt16LittleEndian(w.Slice(4), revision);
        BinaryPrimitives.WriteUInt16LittleEndian(w.Slice(6), type);
        pkcs7.CopyTo(w.Slice(8));
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(certDirectoryOffset), (uint)unsigned.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(certDirectoryOffset + 4), (uint)padded);
        return image;
    }

    /// <summary>Size of the certificate table <see cref="AttachCertificate"/> appends for a PKCS#7 of this length.</summary>
    public static int CertTableSize(int pkcs7Length) => (8 + pkcs7Length + 7) & ~7;

    private static int[] Identity(int n)
    {
        int[] a = new int[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = i;
        }
        return a;
    }
}
