using System;
using System.Buffers.Binary;
using Lvbs.Kernel.Boot.Linux;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Kernel.Boot;

public class LinuxGuestBlobTests
{
    private static byte[] Blob(uint kernelOffset = 4096, uint kernelSize = 100, uint initrdOffset = 8192, uint initrdSize = 10,
        uint cmdOffset = 12288, uint cmdSize = 5, int total = 16384, string magic = "LVBSLNX1", uint header = 4096)
    {
        byte[] b = new byte[total];
        System.Text.Encoding.ASCII.GetBytes(magic).CopyTo(b, 0);
        uint[] fields = { header, kernelOffset, kernelSize, initrdOffset, initrdSize, cmdOffset, cmdSize };
        for (int i = 0; i < fields.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8 + 4 * i), fields[i]);
        }
        return b;
    }

    [Test]
    public void WhenWellFormed_ResultLayout()
    {
        byte[] b = Blob();
        Assert.That(LinuxGuestBlob.TryParse(b, (ulong)b.Length, out LinuxGuestBlobLayout l), Is.EqualTo(LinuxGuestBlobStatus.Ok));
        Assert.That((l.KernelOffset, l.KernelSize, l.InitrdOffset, l.InitrdSize, l.CommandLineOffset, l.CommandLineSize),
            Is.EqualTo((4096u, 100u, 8192u, 10u, 12288u, 5u)));
    }

    [TestCase("BadMagic", LinuxGuestBlobStatus.BadMagic)]
    [TestCase("BadHeaderSize", LinuxGuestBlobStatus.BadHeaderSize)]
    [TestCase("KernelPastEnd", LinuxGuestBlobStatus.PartOutOfBounds)]
    [TestCase("InitrdInsideHeader", LinuxGuestBlobStatus.PartOutOfBounds)]
    [TestCase("Unaligned", LinuxGuestBlobStatus.PartUnaligned)]
    [TestCase("EmptyKernel", LinuxGuestBlobStatus.EmptyKernel)]
    [TestCase("OffsetOverflow", LinuxGuestBlobStatus.PartOutOfBounds)]
    [TestCase("NoCommandLine", LinuxGuestBlobStatus.CommandLineNotTerminated)]
    public void WhenMalformed_ResultStatusAndNoLayout(string name, LinuxGuestBlobStatus expected)
    {
        byte[] b = name switch
        {
            "BadMagic" => Blob(magic: "LVBSLNX2"),
            "BadHeaderSize" => Blob(header: 512),
            "KernelPastEnd" => Blob(kernelSize: 20000),
            "InitrdInsideHeader" => Blob(initrdOffset: 0),
            "Unaligned" => Blob(initrdOffset: 8200),
            "EmptyKernel" => Blob(kernelSize: 0),
            "OffsetOverflow" => Blob(cmdOffset: 0xFFFF_F000, cmdSize: 0x2000),
            _ => Blob(cmdSize: 0),
        };
        Assert.That(LinuxGuestBlob.TryParse(b, (ulong)b.Length, out LinuxGuestBlobLayout l), Is.EqualTo(expected));
        Assert.That(l.KernelSize, Is.Zero);
    }

    [Test]
    public void WhenTooShort_ResultTooShort() =>
        Assert.That(LinuxGuestBlob.TryParse(new byte[20], 20, out _), Is.EqualTo(LinuxGuestBlobStatus.TooShort));
}

public class BzImageTests
{
    internal static byte[] MinimalBzImage(int setupSects = 4, ushort version = 0x020F, ushort xloadflags = 1)
    {
        byte[] b = new byte[(setupSects + 1) * 512 + 4096];
        b[0x1F1] = (byte)setupSects;
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(0x1FE), 0xAA55);
        b[0x201] = 0x66; // jump offset: header ends at 0x202 + 0x66 = 0x268
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(0x202), 0x53726448);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(0x206), version);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(0x236), xloadflags);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(0x258), 0x100_0000);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(0x260), 0x337_8000);
        return b;
    }

    [Test]
    public void WhenValid_ResultFieldsFromTheHeader()
    {
        Assert.That(BzImage.TryParse(MinimalBzImage(), out BzImageInfo info), Is.EqualTo(BzImageStatus.Ok));
        Assert.Multiple(() =>
        {
            Assert.That(info.KernelOffset, Is.EqualTo(5 * 512));
            Assert.That(info.PreferredAddress, Is.EqualTo(0x100_0000));
            Assert.That(info.InitSize, Is.EqualTo(0x337_8000));
            Assert.That(info.SetupHeaderLength, Is.EqualTo(0x268 - 0x1F1));
        });
    }

    [Test]
    public void WhenSetupSectsIsZero_FourAreAssumed()
    {
        Assert.That(BzImage.TryParse(MinimalBzImage(setupSects: 0), out BzImageInfo info), Is.EqualTo(BzImageStatus.Ok));
        Assert.That(info.KernelOffset, Is.EqualTo(5 * 512));
    }

    [TestCase("NoSignature", BzImageStatus.NoBootSignature)]
    [TestCase("NoMagic", BzImageStatus.NoHeaderMagic)]
    [TestCase("OldProtocol", BzImageStatus.ProtocolTooOld)]
    [TestCase("No64BitEntry", BzImageStatus.No64BitEntry)]
    [TestCase("Truncated", BzImageStatus.TooShort)]
    [TestCase("KernelOutOfBounds", BzImageStatus.KernelOutOfBounds)]
    public void WhenMalformed_ResultStatus(string name, BzImageStatus expected)
    {
        byte[] b = MinimalBzImage(version: name == "OldProtocol" ? (ushort)0x0206 : (ushort)0x020F, xloadflags: name == "No64BitEntry" ? (ushort)0 : (ushort)1);
        if (name == "NoSignature")
        {
            b[0x1FE] = 0;
        }
        else if (name == "NoMagic")
        {
            b[0x203] = 0;
        }
        else if (name == "Truncated")
        {
            b = b.AsSpan(0, 0x200).ToArray();
        }
        else if (name == "KernelOutOfBounds")
        {
            b[0x1F1] = 200;
            b = b.AsSpan(0, 0x1000).ToArray();
        }
        Assert.That(BzImage.TryParse(b, out _), Is.EqualTo(expected));
    }
}

public class LinuxZeroPageTests
{
    [Test]
    public void WhenBuilt_LoaderFieldsAndE820AreWhereZeroPageRstSays()
    {
        byte[] image = BzImageTests.MinimalBzImage();
        BzImage.TryParse(image, out BzImageInfo info);
        byte[] page = new byte[4096];
        E820Entry[] e820 = { new() { Address = 0, Size = 0x9FC00, Type = 1 }, new() { Address = 0x10_0000, Size = 0xF0_0000, Type = 2 } };
        Assert.That(LinuxZeroPage.TryBuild(page, image, info, 0x1_2345_6000, 0x1000, 0x7000_0000, 0xF5A0, e820), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(0x202)), Is.EqualTo(0x53726448), "setup header copied");
            Assert.That(page[0x210], Is.EqualTo(0xFF), "type_of_loader");
            Assert.That(page[0x211] & 1, Is.EqualTo(1), "LOADED_HIGH");
            Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(0x218)), Is.EqualTo(0x2345_6000u), "ramdisk_image");
            Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(0x0C0)), Is.EqualTo(1u), "ext_ramdisk_image");
            Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(0x228)), Is.EqualTo(0x7000_0000u), "cmd_line_ptr");
            Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(page.AsSpan(0x070)), Is.EqualTo(0xF5A0UL), "acpi_rsdp_addr");
            Assert.That(page[0x1E8], Is.EqualTo(2), "e820_entries");
            Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(page.AsSpan(0x2D0 + 20 + 8)), Is.EqualTo(0xF0_0000UL), "second entry size");
            Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(0x2D0 + 20 + 16)), Is.EqualTo(2u), "second entry type");
        });
    }

    [Test]
    public void WhenArgumentsAreBad_NothingIsWritten()
    {
        byte[] image = BzImageTests.MinimalBzImage();
        BzImage.TryParse(image, out BzImageInfo info);
        byte[] page = new byte[4096];
        page[0] = 0x5A;
        Assert.That(LinuxZeroPage.TryBuild(page, image, info, 0, 0, 0, 0, new E820Entry[LinuxZeroPage.MaxE820Entries + 1]), Is.False);
        Assert.That(LinuxZeroPage.TryBuild(new byte[100], image, info, 0, 0, 0, 0, Array.Empty<E820Entry>()), Is.False);
        Assert.That(page[0], Is.EqualTo(0x5A));
    }
}

public class Lz4LegacyPrefixTests
{
    private static byte[] Stream(params byte[] block)
    {
        byte[] s = new byte[8 + block.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(s, 0x184C2102);
        BinaryPrimitives.WriteUInt32LittleEndian(s.AsSpan(4), (uint)block.Length);
        block.CopyTo(s, 8);
        return s;
    }

    [Test]
    public void WhenLiteralsThenOverlappingMatch_ResultRunLengthExpansion()
    {
        // token 0x24: 2 literals "ab", match length 4+4 at offset 2 -> "ab" + "abababab"; then 1 literal "z".
        byte[] s = Stream(0x24, (byte)'a', (byte)'b', 2, 0, 0x10, (byte)'z');
        byte[] output = new byte[32];
        Assert.That(Lz4LegacyPrefix.TryDecode(s, output, out int produced), Is.EqualTo(Lz4Status.Ok));
        Assert.That(System.Text.Encoding.ASCII.GetString(output, 0, produced), Is.EqualTo("ababababab" + "z"));
    }

    [Test]
    public void WhenOutputIsSmallerThanTheStream_DecodingStopsAtTheLimit()
    {
        byte[] s = Stream(0x24, (byte)'a', (byte)'b', 2, 0, 0x10, (byte)'z');
        byte[] output = new byte[5];
        Assert.That(Lz4LegacyPrefix.TryDecode(s, output, out int produced), Is.EqualTo(Lz4Status.Ok));
        Assert.That((produced, System.Text.Encoding.ASCII.GetString(output)), Is.EqualTo((5, "ababa")));
    }

    [Test]
    public void WhenLengthsUseExtensionBytes_TheyAreAdded()
    {
        byte[] literals = new byte[15 + 3];
        for (int i = 0; i < literals.Length; i++)
        {
            literals[i] = (byte)('A' + i % 26);
        }
        byte[] block = new byte[2 + literals.Length];
        block[0] = 0xF0;
        block[1] = 3; // 15 + 3 literals
        literals.CopyTo(block, 2);
        byte[] output = new byte[64];
        Assert.That(Lz4LegacyPrefix.TryDecode(Stream(block), output, out int produced), Is.EqualTo(Lz4Status.Ok));
        Assert.That(output.AsSpan(0, produced).ToArray(), Is.EqualTo(literals));
    }

    [TestCase(new byte[] { 0x10, (byte)'a', 5, 0 }, Lz4Status.BadOffset, TestName = "OffsetBeforeStart")]
    [TestCase(new byte[] { 0x10, (byte)'a', 0, 0 }, Lz4Status.BadOffset, TestName = "ZeroOffset")]
    [TestCase(new byte[] { 0x50, (byte)'a' }, Lz4Status.Truncated, TestName = "LiteralsPastBlock")]
    [TestCase(new byte[] { 0x10, (byte)'a', 1 }, Lz4Status.Truncated, TestName = "HalfAnOffset")]
    [TestCase(new byte[] { 0xF0, 255, 255 }, Lz4Status.Truncated, TestName = "UnterminatedLength")]
    public void WhenMalformed_ResultStatus(byte[] block, Lz4Status expected)
    {
        Assert.That(Lz4LegacyPrefix.TryDecode(Stream(block), new byte[64], out _), Is.EqualTo(expected));
    }

    [Test]
    public void WhenMagicOrSizeIsWrong_ResultStatus()
    {
        byte[] s = Stream(0x10, (byte)'a');
        s[0] = 0;
        Assert.That(Lz4LegacyPrefix.TryDecode(s, new byte[8], out _), Is.EqualTo(Lz4Status.BadMagic));
        byte[] t = Stream(0x10, (byte)'a');
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(4), 1000);
        Assert.That(Lz4LegacyPrefix.TryDecode(t, new byte[8], out _), Is.EqualTo(Lz4Status.Truncated));
    }
}

public class KernelSegmentsReaderTests
{
    private static byte[] Elf(params (uint type, uint flags, ulong paddr, ulong memsz)[] segments)
    {
        byte[] e = new byte[64 + 56 * segments.Length];
        e[0] = 0x7F; e[1] = (byte)'E'; e[2] = (byte)'L'; e[3] = (byte)'F'; e[4] = 2; e[5] = 1;
        BinaryPrimitives.WriteUInt64LittleEndian(e.AsSpan(0x20), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(e.AsSpan(0x36), 56);
        BinaryPrimitives.WriteUInt16LittleEndian(e.AsSpan(0x38), (ushort)segments.Length);
        for (int i = 0; i < segments.Length; i++)
        {
            Span<byte> ph = e.AsSpan(64 + 56 * i);
            BinaryPrimitives.WriteUInt32LittleEndian(ph, segments[i].type);
            BinaryPrimitives.WriteUInt32LittleEndian(ph.Slice(4), segments[i].flags);
            BinaryPrimitives.WriteUInt64LittleEndian(ph.Slice(0x18), segments[i].paddr);
            BinaryPrimitives.WriteUInt64LittleEndian(ph.Slice(0x28), segments[i].memsz);
        }
        return e;
    }

    [Test]
    public void WhenLikeDebian61_TextIsTheFirstExecutableLoadSegment()
    {
        // The program headers of the Debian 6.1.0-56 cloud vmlinux (text+rodata, data, percpu, init, note).
        byte[] e = Elf((1, 5, 0x100_0000, 0x182_6634), (1, 6, 0x2A0_0000, 0x61_A000), (1, 6, 0x301_A000, 0x3_4000),
            (1, 7, 0x304_E000, 0xDB_2000), (4, 0, 0x243_7E70, 0x200));
        Assert.That(KernelSegmentsReader.TryReadElf(e, out KernelSegments s), Is.EqualTo(KernelSegmentsStatus.Ok));
        Assert.That((s.TextStart, s.TextEnd, s.ReadOnlyEnd - s.ReadOnlyStart), Is.EqualTo((0x100_0000UL, 0x282_6634UL, 0UL)));
    }

    [Test]
    public void WhenRodataIsItsOwnSegment_ItIsReported()
    {
        byte[] e = Elf((1, 5, 0x100_0000, 0x1000), (1, 4, 0x100_1000, 0x2000));
        Assert.That(KernelSegmentsReader.TryReadElf(e, out KernelSegments s), Is.EqualTo(KernelSegmentsStatus.Ok));
        Assert.That((s.ReadOnlyStart, s.ReadOnlyEnd), Is.EqualTo((0x100_1000UL, 0x100_3000UL)));
    }

    [Test]
    public void WhenMalformed_ResultStatus()
    {
        Assert.That(KernelSegmentsReader.TryReadElf(new byte[64], out _), Is.EqualTo(KernelSegmentsStatus.NotElf64));
        byte[] e = Elf((1, 6, 0x100_0000, 0x1000));
        Assert.That(KernelSegmentsReader.TryReadElf(e, out _), Is.EqualTo(KernelSegmentsStatus.NoTextSegment));
        BinaryPrimitives.WriteUInt16LittleEndian(e.AsSpan(0x38), 50);
        Assert.That(KernelSegmentsReader.TryReadElf(e, out _), Is.EqualTo(KernelSegmentsStatus.ProgramHeadersOutOfPrefix));
    }
}
