using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using Lvbs.ImageHarness.Elf;
using NUnit.Framework;

namespace Lvbs.Tests.Image.Harness;

[TestFixture]
public sealed class Elf64FileTests
{
    // A hand-assembled ELF64: header, 16 bytes of .text, the name table, then four section
    // headers (null, .text, .bss, .shstrtab).
    private static byte[] BuildElf(ushort shentsize = 64, ulong? shoffOverride = null)
    {
        var names = Encoding.ASCII.GetBytes("\0.text\0.bss\0.shstrtab\0");
        const int textOffset = 64, textSize = 16;
        var namesOffset = textOffset + textSize;
        var shoff = namesOffset + names.Length;
        var file = new byte[shoff + 4 * 64];

        "\u007FELF"u8.CopyTo(file);
        file[4] = 2; // ELFCLASS64
        file[5] = 1; // little-endian
        file[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(0x10), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(0x12), 62);
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(0x18), 0x100000);
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(0x28), shoffOverride ?? (ulong)shoff);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(0x3A), shentsize);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(0x3C), 4);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(0x3E), 3);
        names.CopyTo(file, namesOffset);

        void Section(int index, uint name, uint type, ulong flags, ulong addr, ulong offset, ulong size)
        {
            var h = file.AsSpan(shoff + index * 64, 64);
            BinaryPrimitives.WriteUInt32LittleEndian(h, name);
            BinaryPrimitives.WriteUInt32LittleEndian(h[4..], type);
            BinaryPrimitives.WriteUInt64LittleEndian(h[8..], flags);
            BinaryPrimitives.WriteUInt64LittleEndian(h[16..], addr);
            BinaryPrimitives.WriteUInt64LittleEndian(h[24..], offset);
            BinaryPrimitives.WriteUInt64LittleEndian(h[32..], size);
        }

        Section(1, 1, 1, 0x6, 0x100000, textOffset, textSize);          // .text AX
        Section(2, 7, 8, 0x3, 0x200000, 0, 0x10000);                    // .bss WA, NOBITS
        Section(3, 12, 3, 0, 0, (ulong)namesOffset, (ulong)names.Length); // .shstrtab
        return file;
    }

    [Test]
    public void WhenValid_ReadsHeaderAndSections()
    {
        var elf = Elf64File.Parse(BuildElf());

        Assert.Multiple(() =>
        {
            Assert.That(elf.Machine, Is.EqualTo(62));
            Assert.That(elf.Entry, Is.EqualTo(0x100000UL));
            Assert.That(elf.Sections.Select(s => s.Name), Is.EqualTo(new[] { "", ".text", ".bss", ".shstrtab" }));
            Assert.That(elf.Sections[1].Size, Is.EqualTo(16UL));
            Assert.That(elf.Sections[1].Permissions, Is.EqualTo("rx"));
            Assert.That(elf.Sections[2].Permissions, Is.EqualTo("rw"));
            Assert.That(elf.Sections[2].OccupiesFile, Is.False);
            Assert.That(elf.Sections[2].TypeName, Is.EqualTo("NOBITS"));
            Assert.That(elf.Sections[3].IsAllocated, Is.False);
        });
    }

    [Test]
    public void WhenBadMagic_Throws()
    {
        var file = BuildElf();
        file[1] = (byte)'X';

        Assert.Throws<InvalidDataException>(() => Elf64File.Parse(file));
    }

    [Test]
    public void WhenElf32_Throws()
    {
        var file = BuildElf();
        file[4] = 1;

        Assert.Throws<InvalidDataException>(() => Elf64File.Parse(file));
    }

    [Test]
    public void WhenSectionTableBeyondFile_Throws()
    {
        Assert.Throws<InvalidDataException>(() => Elf64File.Parse(BuildElf(shoffOverride: 1UL << 40)));
    }

    [Test]
    public void WhenSectionHeaderSizeIsWrong_Throws()
    {
        Assert.Throws<InvalidDataException>(() => Elf64File.Parse(BuildElf(shentsize: 40)));
    }

    [Test]
    public void WhenTruncated_Throws()
    {
        Assert.Throws<InvalidDataException>(() => Elf64File.Parse(BuildElf().AsSpan(0, 40)));
    }
}
