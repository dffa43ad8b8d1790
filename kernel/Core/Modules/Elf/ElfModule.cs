using System;
using System.Buffers.Binary;
using Lvbs.Abi.Heki;

namespace Lvbs.Kernel.Modules.Elf;

/// <summary>
/// A checked ELF64 x86-64 relocatable object (a .ko body). <see cref="Parse"/> enforces the
/// gABI/psABI rules listed in <see cref="ElfModuleParser"/>; afterwards every accessor is in
/// bounds for the same bytes. The file itself is not kept: accessors take it again, so callers
/// must pass the exact span that was parsed.
/// </summary>
public sealed class ElfModule
{
    /// <summary>Largest module body accepted (LiteBox MODULE_VALIDATION_MAX_SIZE).</summary>
    public const int MaxFileSize = 64 * 1024 * 1024;
    /// <summary>Most section headers accepted (real modules have under 100; the limit bounds quadratic checks).</summary>
    public const int MaxSections = 4096;
    /// <summary>Most symbols accepted.</summary>
    public const int MaxSymbols = 1 << 18;
    /// <summary>Most relocations accepted over all RELA sections.</summary>
    public const int MaxRelocations = 1 << 21;

    private readonly ElfSectionHeader[] _sections;

    internal ElfModule(ElfSectionHeader[] sections, int sectionNameTable, int symbolTable, int symbolCount, int fileLength)
    {
        _sections = sections;
        SectionNameTableIndex = sectionNameTable;
        SymbolTableIndex = symbolTable;
        SymbolCount = symbolCount;
        FileLength = fileLength;
    }

    /// <summary>Parses and checks <paramref name="file"/>; 0, or ENOEXEC (malformed) / ERANGE (over a limit) with <paramref name="module"/> null.</summary>
    public static int Parse(ReadOnlySpan<byte> file, out ElfModule? module) => ElfModuleParser.Parse(file, out module);

    /// <summary>e_shnum.</summary>
    public int SectionCount => _sections.Length;
    /// <summary>e_shstrndx.</summary>
    public int SectionNameTableIndex { get; }
    /// <summary>Index of the one SHT_SYMTAB section.</summary>
    public int SymbolTableIndex { get; }
    /// <summary>Entries in the symbol table (entry 0 is the null symbol).</summary>
    public int SymbolCount { get; }
    /// <summary>Length of the parsed file.</summary>
    public int FileLength { get; }

    /// <summary>Section header <paramref name="index"/> (0 ≤ index &lt; <see cref="SectionCount"/>).</summary>
    public ElfSectionHeader Section(int index) => _sections[index];

    /// <summary>The file bytes of a section (empty for SHT_NOBITS/SHT_NULL).</summary>
    public ReadOnlySpan<byte> SectionBytes(ReadOnlySpan<byte> file, int index)
    {
        ElfSectionHeader s = _sections[index];
        return s.HasFileBytes ? file.Slice((int)s.Offset, (int)s.Size) : ReadOnlySpan<byte>.Empty;
    }

    /// <summary>The name of section <paramref name="index"/>, without its NUL.</summary>
    public ReadOnlySpan<byte> SectionName(ReadOnlySpan<byte> file, int index) =>
        CString(SectionBytes(file, SectionNameTableIndex), _sections[index].Name);

    /// <summary>Symbol <paramref name="index"/> (0 ≤ index &lt; <see cref="SymbolCount"/>).</summary>
    public ElfSymbol Symbol(ReadOnlySpan<byte> file, int index)
    {
        ReadOnlySpan<byte> e = SectionBytes(file, SymbolTableIndex).Slice(index * ElfConstants.SymbolSize, ElfConstants.SymbolSize);
        return ReadSymbol(e);
    }

    /// <summary>The name of <paramref name="symbol"/>, without its NUL.</summary>
    public ReadOnlySpan<byte> SymbolName(ReadOnlySpan<byte> file, ElfSymbol symbol) =>
        CString(SectionBytes(file, (int)_sections[SymbolTableIndex].Link), symbol.Name);

    /// <summary>Entries in RELA section <paramref name="index"/>.</summary>
    public int RelaCount(int index) => (int)(_sections[index].Size / ElfConstants.RelaSize);

    /// <summary>Entry <paramref name="entry"/> of RELA section <paramref name="index"/>.</summary>
    public ElfRela Rela(ReadOnlySpan<byte> file, int index, int entry) =>
        ReadRela(SectionBytes(file, index).Slice(entry * ElfConstants.RelaSize, ElfConstants.RelaSize));

    /// <summary>Finds the first section named <paramref name="name"/> whose flags contain <paramref name="requiredFlags"/>; 0 when none (Linux find_sec).</summary>
    public int FindSection(ReadOnlySpan<byte> file, ReadOnlySpan<byte> name, ulong requiredFlags)
    {
        for (int i = 1; i < _sections.Length; i++)
        {
            if ((_sections[i].Flags & requiredFlags) == requiredFlags && SectionName(file, i).SequenceEqual(name))
            {
                return i;
            }
        }

        return 0;
    }

    internal static ElfSymbol ReadSymbol(ReadOnlySpan<byte> e) => new ElfSymbol(
        BinaryPrimitives.ReadUInt32LittleEndian(e),
        e[4],
        BinaryPrimitives.ReadUInt16LittleEndian(e.Slice(6)),
        BinaryPrimitives.ReadUInt64LittleEndian(e.Slice(8)),
        BinaryPrimitives.ReadUInt64LittleEndian(e.Slice(16)));

    internal static ElfRela ReadRela(ReadOnlySpan<byte> e)
    {
        ulong info = BinaryPrimitives.ReadUInt64LittleEndian(e.Slice(8));
        return new ElfRela(
            BinaryPrimitives.ReadUInt64LittleEndian(e),
            (uint)(info >> 32),
            (uint)info,
            BinaryPrimitives.ReadInt64LittleEndian(e.Slice(16)));
    }

    // String tables are checked NUL-terminated and offsets in range at parse time, so the
    // scan always ends inside the table.
    internal static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> table, uint offset)
    {
        ReadOnlySpan<byte> rest = table.Slice((int)offset);
        int n = 0;
        while (rest[n] != 0)
        {
            n++;
        }

        return rest.Slice(0, n);
    }

    internal static int Fail() => (int)LinuxErrno.ENOEXEC;
}
