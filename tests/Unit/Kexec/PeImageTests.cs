using System;
using System.Buffers.Binary;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Keys;
using Lvbs.Kernel.Kexec.Authenticode;
using Lvbs.Kernel.Kexec.Pe;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Kexec;

/// <summary>PeImage and WinCertificate on malformed images: each refusal's errno, never an exception.</summary>
[TestFixture]
public class PeImageTests
{
    private static (byte[] Image, TestPeImage Layout) Good() => AuthenticodeVerifierTests.Signed();

    private static int Verify(byte[] image)
    {
        var keys = new TrustedKeyring(2);
        Assert.That(keys.AddSystemCertificates(TestPki.Root.RawData), Is.Zero);
        return AuthenticodeVerifier.Verify(image, keys);
    }

    [Test]
    public void ParsesTheSyntheticLayout()
    {
        var (image, pe) = Good();
        Assert.That(PeImage.TryParse(image, out PeImage p), Is.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(p.IsPe32Plus, Is.True);
            Assert.That(p.CheckSumOffset, Is.EqualTo(pe.CheckSumOffset));
            Assert.That(p.CertificateDirectoryOffset, Is.EqualTo(pe.CertDirectoryOffset));
            Assert.That(p.SizeOfHeaders, Is.EqualTo(TestPeImage.HeaderSize));
            Assert.That(p.SectionCount, Is.EqualTo(3));
            Assert.That(p.DataDirectoryCount, Is.EqualTo(16));
            Assert.That(p.CertificateTableOffset + p.CertificateTableSize, Is.EqualTo(image.Length));
            Assert.That(p.TrailingLength, Is.Zero);
        });
    }

    [Test]
    public void TruncatedAtEveryHeaderByteIsLibBad()
    {
        var (image, _) = Good();
        for (int n = 0; n <= TestPeImage.HeaderSize + 8; n++)
        {
            int status = Verify(image.AsSpan(0, n).ToArray());
            Assert.That(status, Is.EqualTo((int)LinuxErrno.ELIBBAD), "truncated to " + n);
        }
    }

    [Test]
    public void TruncatedAnywhereLaterIsRefused()
    {
        var (image, _) = Good();
        for (int n = TestPeImage.HeaderSize; n < image.Length; n += 97)
        {
            Assert.That(Verify(image.AsSpan(0, n).ToArray()), Is.EqualTo((int)LinuxErrno.ELIBBAD), "truncated to " + n);
        }
    }

    [TestCase(0u)]
    [TestCase(0x3Fu)]
    [TestCase(0x3F0u)]
    [TestCase(0xFFFFFFF0u)]
    [TestCase(0x7FFFFFFFu)]
    public void ELfanewOutOfRange(uint lfanew)
    {
        var (image, _) = Good();
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(0x3C), lfanew);
        Assert.That(Verify(image), Is.EqualTo((int)LinuxErrno.ELIBBAD));
    }

    [Test]
    public void BadMagics()
    {
        var (image, pe) = Good();
        byte[] mz = (byte[])image.Clone();
        mz[1] = (byte)'X';
        byte[] sig = (byte[])image.Clone();
        sig[TestPeImage.LfaNew + 3] = 1;
        byte[] opt = (byte[])image.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(opt.AsSpan(pe.OptionalHeaderOffset), 0x107); // ROM image
        Assert.That(Verify(mz), Is.EqualTo((int)LinuxErrno.ELIBBAD));
        Assert.That(Verify(sig), Is.EqualTo((int)LinuxErrno.ELIBBAD));
        Assert.That(Verify(opt), Is.EqualTo((int)LinuxErrno.ELIBBAD));
    }

    [TestCase(0u)]
    [TestCase(4u)]
    [TestCase(0x1000u)]
    [TestCase(0xFFFFFFFFu)]
    public void NumberOfRvaAndSizesOutOfRange(uint count)
    {
        var (image, pe) = Good();
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(pe.OptionalHeaderOffset + pe.OptionalFixedSize - 4), count);
        Assert.That(Verify(image), Is.EqualTo((int)LinuxErrno.ELIBBAD));
    }

    [Test]
    public void SizeOfOptionalHeaderMustMatchTheDirectories()
    {
        var (image, _) = Good();
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(TestPeImage.LfaNew + 20), 0xF0 + 8);
        Assert.That(Verify(image), Is.EqualTo((int)LinuxErrno.ELIBBAD));
    }

    [TestCase(0u)]
    [TestCase(0x100u)]
    [TestCase(0x7FFFFFFFu)]
    public void SizeOfHeadersOutOfRange(uint size)
    {
        var (image, pe) = Good();
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(pe.OptionalHeaderOffset + 60), size);
        Assert.That(Verify(image), Is.EqualTo((int)LinuxErrno.ELIBBAD));
    }

    [TestCase(21)]
    [TestCase(97)]
    [TestCase(0xFFFF)]
    public void SectionTablePastSizeOfHeaders(int count)
    {
        var (image, _) = Good();
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(TestPeImage.LfaNew + 6), (ushort)count);
        Assert.That(Verify(image), Is.EqualTo((int)LinuxErrno.ELIBBAD));
    }

    [TestCase(16, 0xFFFFFFF0u, Description = "PointerToRawData past EOF")]
    [TestCase(20, 0x400u, Description = "overlapping sections: SUM_OF_BYTES_HASHED runs into the certificate table")]
    [TestCase(16, 0x7FFFFFFFu, Description = "SizeOfRawData past EOF")]
    public void SectionDataOutsideTheFile(int field, uint value)
    {
        var (image, pe) = Good();
        // Entry 1 (.text). Moved over .setup and 8 bytes longer, the sections stay in the file
        // but their sum exceeds file size − certificate table (Linux would underflow there).
        int entry = pe.SectionTableOffset + 40;
        if (field == 20)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(entry + 16), 0x1208);
        }
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(entry + field), value);
        Assert.That(Verify(image), Is.EqualTo((int)LinuxErrno.ELIBBAD));
    }

    [Test]
    public void SectionDataOverTheCertificateTable()
    {
        var (image, pe) = Good();
        int entry = pe.SectionTableOffset + 2 * 40; // .data, the last section
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(entry + 16), 0x408);
        Assert.That(Verify(image), Is.EqualTo((int)LinuxErrno.ELIBBAD));
    }

    [Test]
    public void CertificateTableBounds()
    {
        var (image, pe) = Good();
        int dir = pe.CertDirectoryOffset;
        uint offset = BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(dir));
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(dir + 4));

        Assert.That(Verify(WithDir(image, dir, offset, size + 8)), Is.EqualTo((int)LinuxErrno.ELIBBAD), "past EOF");
        Assert.That(Verify(WithDir(image, dir, offset + 4, size - 4)), Is.EqualTo((int)LinuxErrno.ELIBBAD), "unaligned");
        Assert.That(Verify(WithDir(image, dir, offset - 8, size)), Is.EqualTo((int)LinuxErrno.ELIBBAD), "not ending the file");
        Assert.That(Verify(WithDir(image, dir, 0x200, (uint)image.Length - 0x200)), Is.EqualTo((int)LinuxErrno.ELIBBAD), "inside the headers");
        Assert.That(Verify(WithDir(image, dir, 0xFFFFFFF8, 16)), Is.EqualTo((int)LinuxErrno.ELIBBAD), "offset overflow");
        Assert.That(Verify(WithDir(image, dir, offset, 0)), Is.EqualTo((int)LinuxErrno.ENODATA), "size 0: unsigned");
        Assert.That(Verify(WithDir(image, dir, 0, size)), Is.EqualTo((int)LinuxErrno.ENODATA), "offset 0: unsigned");
    }

    [Test]
    public void WinCertificateHeader()
    {
        var (image, pe) = Good();
        int table = BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(pe.CertDirectoryOffset));
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(table));
        Assert.That(Verify(With32(image, table, length + 8)), Is.EqualTo((int)LinuxErrno.ELIBBAD), "dwLength past the table");
        Assert.That(Verify(With16(image, table + 4, 0x100)), Is.EqualTo((int)LinuxErrno.ELIBBAD), "revision 1.0");
        Assert.That(Verify(With16(image, table + 6, 0x0001)), Is.EqualTo((int)LinuxErrno.ELIBBAD), "type X509");
        Assert.That(Verify(With16(image, table + 6, 0x0EF1)), Is.EqualTo((int)LinuxErrno.ELIBBAD), "type EFI_GUID");
        Assert.That(Verify(With32(image, table, 11)), Is.EqualTo((int)LinuxErrno.EBADMSG), "under 4 bytes of contents");
        Assert.That(Verify(With32(image, table, 3)), Is.EqualTo((int)LinuxErrno.EBADMSG), "dwLength under the header");
        Assert.That(Verify(With32(image, table, 64)), Is.EqualTo((int)LinuxErrno.ELIBBAD), "PKCS#7 longer than dwLength");
        Assert.That(Verify(With16(image, table + 8, 0x8030)), Is.EqualTo((int)LinuxErrno.EBADMSG), "indefinite length");
        byte[] notSeq = (byte[])image.Clone();
        notSeq[table + 8] = 0x31;
        Assert.That(Verify(notSeq), Is.EqualTo((int)LinuxErrno.ELIBBAD), "not a SEQUENCE");
        byte[] huge = (byte[])image.Clone();
        huge[table + 9] = 0x84;
        Assert.That(Verify(huge), Is.EqualTo((int)LinuxErrno.EBADMSG), "4-octet length");
    }

    [Test]
    public void Pe32Layout()
    {
        var pe = new TestPeImage { Pe32 = true };
        byte[] unsigned = pe.BuildUnsigned();
        BinaryPrimitives.WriteUInt32LittleEndian(unsigned.AsSpan(pe.CertDirectoryOffset), (uint)unsigned.Length);
        Assert.That(PeImage.TryParse(unsigned, out _), Is.EqualTo((int)LinuxErrno.ENODATA), "size 0");
        var (image, _) = AuthenticodeVerifierTests.Signed(layout: l => l.Pe32 = true);
        Assert.That(PeImage.TryParse(image, out PeImage p), Is.Zero);
        Assert.That(p.IsPe32Plus, Is.False);
        Assert.That(p.CheckSumOffset, Is.EqualTo(TestPeImage.LfaNew + 24 + 64));
    }

    [Test]
    public void RandomCorruptionNeverThrows()
    {
        var (image, _) = Good();
        var random = new Random(5);
        var keys = new TrustedKeyring(2);
        Assert.That(keys.AddSystemCertificates(TestPki.Root.RawData), Is.Zero);
        int valid = 0;
        for (int i = 0; i < 400; i++)
        {
            byte[] copy = (byte[])image.Clone();
            int at = i < 200 ? random.Next(TestPeImage.HeaderSize) : image.Length - 1 - random.Next(1500);
            copy[at] = (byte)random.Next(256);
            int status = AuthenticodeVerifier.Verify(copy, keys);
            Assert.That(status, Is.GreaterThanOrEqualTo(0));
            valid += status == 0 ? 1 : 0;
        }
        Assert.That(valid, Is.LessThan(400));
    }

    private static byte[] WithDir(byte[] image, int dir, uint offset, uint size)
    {
        byte[] copy = (byte[])image.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(dir), offset);
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(dir + 4), size);
        return copy;
    }

    private static byte[] With32(byte[] image, int at, uint value)
    {
        byte[] copy = (byte[])image.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at), value);
        return copy;
    }

    private static byte[] With16(byte[] image, int at, ushort value)
    {
        byte[] copy = (byte[])image.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(at), value);
        return copy;
    }
}
