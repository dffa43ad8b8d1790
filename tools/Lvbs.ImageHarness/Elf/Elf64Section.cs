namespace Lvbs.ImageHarness.Elf;

/// <summary>One entry of an ELF64 section header table.</summary>
/// <param name="Name">The section name from the section-name string table.</param>
/// <param name="Type">sh_type (1 PROGBITS, 2 SYMTAB, 3 STRTAB, 7 NOTE, 8 NOBITS...).</param>
/// <param name="Flags">sh_flags (1 WRITE, 2 ALLOC, 4 EXECINSTR).</param>
/// <param name="Address">sh_addr, the load address.</param>
/// <param name="Offset">sh_offset, the position in the file.</param>
/// <param name="Size">sh_size in bytes (for NOBITS, memory only).</param>
public sealed record Elf64Section(string Name, uint Type, ulong Flags, ulong Address, ulong Offset, ulong Size)
{
    /// <summary>sh_type of a section that occupies no file space (.bss).</summary>
    public const uint NoBitsType = 8;

    /// <summary>True if the section is loaded into memory (SHF_ALLOC).</summary>
    public bool IsAllocated => (Flags & 0x2) != 0;

    /// <summary>True if the section occupies bytes in the file.</summary>
    public bool OccupiesFile => Type != NoBitsType && Type != 0;

    /// <summary>The section's permissions as <c>r</c>/<c>w</c>/<c>x</c>, or <c>-</c> if not loaded.</summary>
    public string Permissions =>
        !IsAllocated ? "-" : "r" + ((Flags & 0x1) != 0 ? "w" : "") + ((Flags & 0x4) != 0 ? "x" : "");

    /// <summary>A readable name for <see cref="Type"/>.</summary>
    public string TypeName => Type switch
    {
        0 => "NULL",
        1 => "PROGBITS",
        2 => "SYMTAB",
        3 => "STRTAB",
        4 => "RELA",
        5 => "HASH",
        6 => "DYNAMIC",
        7 => "NOTE",
        8 => "NOBITS",
        9 => "REL",
        11 => "DYNSYM",
        14 => "INIT_ARRAY",
        15 => "FINI_ARRAY",
        0x70000001 => "X86_64_UNWIND",
        _ => $"0x{Type:X}",
    };
}
