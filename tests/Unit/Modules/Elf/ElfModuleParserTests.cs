using System;
using System.Buffers.Binary;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Modules.Elf;
using Lvbs.Tests.Unit.Modules.Content;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Modules.Elf;

/// <summary>The ELF64 ET_REL parser on real modules and on malformed variants of crc7.ko.</summary>
[TestFixture]
public sealed class ElfModuleParserTests
{
    private static readonly byte[] s_crc7 = RealModules.Body("crc7.ko");

    private static System.Collections.Generic.IEnumerable<string> Modules => RealModules.Names;

    [TestCaseSource(nameof(Modules))]
    public void RealModuleParses(string name)
    {
        byte[] body = RealModules.Body(name);
        Assert.That(ElfModule.Parse(body, out ElfModule? elf), Is.Zero);
        Assert.That(elf!.SectionCount, Is.EqualTo(BinaryPrimitives.ReadUInt16LittleEndian(body.AsSpan(60))));
        Assert.That(Find(elf, body, ".text"), Is.GreaterThan(0));
        Assert.That(elf.SymbolCount, Is.GreaterThan(1));
    }

    [Test]
    public void Crc7SectionsAndSymbolsMatchReadelf()
    {
        // readelf -S crc7.ko: 26 section headers, .text at index 3 with .rela.text at 4.
        Assert.That(ElfModule.Parse(s_crc7, out ElfModule? elf), Is.Zero);
        Assert.That(elf!.SectionCount, Is.EqualTo(26));
        Assert.That(Find(elf, s_crc7, ".text"), Is.EqualTo(3));
        ElfSectionHeader rela = elf.Section(4);
        Assert.That(rela.Type, Is.EqualTo(ElfConstants.SectionTypeRela));
        Assert.That(rela.Info, Is.EqualTo(3u));
        Assert.That(rela.Link, Is.EqualTo((uint)elf.SymbolTableIndex));
        Assert.That(elf.SymbolName(s_crc7, FindSymbol(elf, s_crc7, "crc7_be")).ToArray(), Is.EqualTo("crc7_be"u8.ToArray()));
    }

    [Test]
    public void EveryTruncationIsRefused()
    {
        for (int length = 0; length < s_crc7.Length; length++)
        {
            int status = ElfModule.Parse(s_crc7.AsSpan(0, length), out ElfModule? elf);
            Assert.That(status, Is.EqualTo((int)LinuxErrno.ENOEXEC), "length " + length);
            Assert.That(elf, Is.Null);
        }
    }

    [TestCase(0, (byte)0x7e)]       // magic
    [TestCase(4, (byte)1)]          // ELFCLASS32
    [TestCase(5, (byte)2)]          // big endian
    [TestCase(6, (byte)2)]          // EI_VERSION
    [TestCase(7, (byte)9)]          // EI_OSABI FreeBSD
    [TestCase(16, (byte)2)]         // ET_EXEC
    [TestCase(18, (byte)3)]         // EM_386
    [TestCase(20, (byte)0)]         // e_version
    [TestCase(52, (byte)52)]        // e_ehsize
    [TestCase(58, (byte)40)]        // e_shentsize (Elf32_Shdr)
    public void BadHeaderFieldIsRefused(int offset, byte value)
    {
        byte[] b = (byte[])s_crc7.Clone();
        b[offset] = value;
        AssertRefused(b);
    }

    [Test]
    public void ExtendedSectionNumberingIsRefused()
    {
        byte[] b = (byte[])s_crc7.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(60), 0);       // e_shnum = 0 → count in section 0
        AssertRefused(b);
        b = (byte[])s_crc7.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(62), 0xffff);  // e_shstrndx = SHN_XINDEX
        AssertRefused(b);
        b = (byte[])s_crc7.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(Shdr(b, 0) + 32), 26); // section 0 sh_size set
        AssertRefused(b);
    }

    [Test]
    public void SectionHeaderTableOutsideTheFileIsRefused()
    {
        byte[] b = (byte[])s_crc7.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(40), ulong.MaxValue - 63); // e_shoff wraps
        AssertRefused(b);
        b = (byte[])s_crc7.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(60), 27);                   // one more header than fits
        AssertRefused(b);
    }

    [Test]
    public void SectionRangeOverflowOrOutsideFileIsRefused()
    {
        int text = TextIndex();
        byte[] b = (byte[])s_crc7.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(Shdr(b, text) + 32), ulong.MaxValue - 10); // offset + size wraps
        AssertRefused(b);
        b = (byte[])s_crc7.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(Shdr(b, text) + 24), (ulong)b.Length);   // starts at EOF, size > 0
        AssertRefused(b);
    }

    [Test]
    public void OverlappingSectionsAreRefused()
    {
        byte[] b = (byte[])s_crc7.Clone();
        Assert.That(ElfModule.Parse(b, out ElfModule? elf), Is.Zero);
        int text = TextIndex();
        ulong relaOffset = elf!.Section(text + 1).Offset;
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(Shdr(b, text) + 24), relaOffset + 8); // .text inside .rela.text
        AssertRefused(b);
    }

    [Test]
    public void NonPowerOfTwoAlignmentIsRefused()
    {
        byte[] b = (byte[])s_crc7.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(Shdr(b, TextIndex()) + 48), 24);
        AssertRefused(b);
    }

    [Test]
    public void BadStringOffsetsAreRefused()
    {
        Assert.That(ElfModule.Parse(s_crc7, out ElfModule? elf), Is.Zero);
        byte[] b = (byte[])s_crc7.Clone();
        uint namesSize = (uint)elf!.Section(elf.SectionNameTableIndex).Size;
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(Shdr(b, TextIndex())), namesSize);     // sh_name past the table
        AssertRefused(b);

        b = (byte[])s_crc7.Clone();
        ElfSectionHeader symtab = elf.Section(elf.SymbolTableIndex);
        uint stringsSize = (uint)elf.Section((int)symtab.Link).Size;
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan((int)symtab.Offset + 24), stringsSize); // st_name of symbol 1
        AssertRefused(b);

        b = (byte[])s_crc7.Clone();
        ElfSectionHeader strtab = elf.Section((int)symtab.Link);
        b[(int)(strtab.Offset + strtab.Size - 1)] = (byte)'x';                                  // strtab not NUL-terminated
        AssertRefused(b);

        b = (byte[])s_crc7.Clone();
        ElfSectionHeader names = elf.Section(elf.SectionNameTableIndex);
        b[(int)(names.Offset + names.Size - 1)] = (byte)'x';                                    // shstrtab not NUL-terminated
        AssertRefused(b);
    }

    [TestCase((ushort)26)]      // one past the last section
    [TestCase((ushort)0xff00)]  // SHN_LORESERVE
    [TestCase((ushort)0xff20)]  // SHN_LIVEPATCH
    [TestCase((ushort)0xffff)]  // SHN_XINDEX
    public void SymbolSectionIndexOutOfRangeIsRefused(ushort shndx)
    {
        Assert.That(ElfModule.Parse(s_crc7, out ElfModule? elf), Is.Zero);
        byte[] b = (byte[])s_crc7.Clone();
        ElfSectionHeader symtab = elf!.Section(elf.SymbolTableIndex);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan((int)symtab.Offset + 24 + 6), shndx);
        AssertRefused(b);
    }

    [Test]
    public void RelocationSymbolIndexOutOfRangeIsRefused()
    {
        Assert.That(ElfModule.Parse(s_crc7, out ElfModule? elf), Is.Zero);
        byte[] b = (byte[])s_crc7.Clone();
        ElfSectionHeader rela = elf!.Section(TextIndex() + 1);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan((int)rela.Offset + 12), (uint)elf.SymbolCount); // r_sym of entry 0
        AssertRefused(b);
    }

    [Test]
    public void RelaSectionWithBadLinksIsRefused()
    {
        int relaIndex = TextIndex() + 1;
        byte[] b = (byte[])s_crc7.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(Shdr(b, relaIndex) + 44), 26);  // sh_info past the end
        AssertRefused(b);
        b = (byte[])s_crc7.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(Shdr(b, relaIndex) + 40), 3);   // sh_link not the symtab
        AssertRefused(b);
        b = (byte[])s_crc7.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(Shdr(b, relaIndex) + 56), 16);  // Elf64_Rel entry size
        AssertRefused(b);
        b = (byte[])s_crc7.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(Shdr(b, relaIndex) + 4), ElfConstants.SectionTypeRel); // SHT_REL
        AssertRefused(b);
    }

    [Test]
    public void MissingOrDuplicateSymbolTableIsRefused()
    {
        Assert.That(ElfModule.Parse(s_crc7, out ElfModule? elf), Is.Zero);
        byte[] b = (byte[])s_crc7.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(Shdr(b, elf!.SymbolTableIndex) + 4), ElfConstants.SectionTypeProgBits);
        AssertRefused(b);
        b = (byte[])s_crc7.Clone();
        int comment = Find(elf, s_crc7, ".comment");
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(Shdr(b, comment) + 4), ElfConstants.SectionTypeSymbolTable);
        AssertRefused(b);
    }

    [Test]
    public void OversizedFileIsERANGE()
    {
        byte[] big = new byte[ElfModule.MaxFileSize + 1];
        s_crc7.CopyTo(big, 0);
        Assert.That(ElfModule.Parse(big, out ElfModule? elf), Is.EqualTo((int)LinuxErrno.ERANGE));
        Assert.That(elf, Is.Null);
    }

    private static void AssertRefused(byte[] b)
    {
        Assert.That(ElfModule.Parse(b, out ElfModule? elf), Is.EqualTo((int)LinuxErrno.ENOEXEC));
        Assert.That(elf, Is.Null);
    }

    private static int TextIndex()
    {
        Assert.That(ElfModule.Parse(s_crc7, out ElfModule? elf), Is.Zero);
        return Find(elf!, s_crc7, ".text");
    }

    internal static int Shdr(byte[] b, int index) => (int)BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(40)) + (64 * index);

    internal static int Find(ElfModule elf, byte[] body, string name)
    {
        for (int i = 1; i < elf.SectionCount; i++)
        {
            if (elf.SectionName(body, i).SequenceEqual(System.Text.Encoding.ASCII.GetBytes(name)))
            {
                return i;
            }
        }

        return 0;
    }

    private static ElfSymbol FindSymbol(ElfModule elf, byte[] body, string name)
    {
        for (int i = 1; i < elf.SymbolCount; i++)
        {
            ElfSymbol s = elf.Symbol(body, i);
            if (elf.SymbolName(body, s).SequenceEqual(System.Text.Encoding.ASCII.GetBytes(name)))
            {
                return s;
            }
        }

        throw new InvalidOperationException(name);
    }
}
