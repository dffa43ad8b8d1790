namespace Lvbs.Kernel.Modules.Elf;

/// <summary>
/// The ELF64 and x86-64 values module validation understands (System V gABI "ELF Header",
/// "Sections", "Symbol Table"; x86-64 psABI §4.4 "Relocation").
/// </summary>
public static class ElfConstants
{
    /// <summary>Size of Elf64_Ehdr.</summary>
    public const int HeaderSize = 64;
    /// <summary>Size of Elf64_Shdr (e_shentsize must equal it).</summary>
    public const int SectionHeaderSize = 64;
    /// <summary>Size of Elf64_Sym.</summary>
    public const int SymbolSize = 24;
    /// <summary>Size of Elf64_Rela.</summary>
    public const int RelaSize = 24;

    /// <summary>ELFCLASS64.</summary>
    public const byte ClassElf64 = 2;
    /// <summary>ELFDATA2LSB.</summary>
    public const byte DataLittleEndian = 1;
    /// <summary>EV_CURRENT.</summary>
    public const byte VersionCurrent = 1;
    /// <summary>ELFOSABI_NONE (System V).</summary>
    public const byte OsAbiNone = 0;
    /// <summary>ELFOSABI_GNU (Linux).</summary>
    public const byte OsAbiGnu = 3;
    /// <summary>ET_REL: a relocatable object, what a .ko is.</summary>
    public const ushort TypeRelocatable = 1;
    /// <summary>EM_X86_64.</summary>
    public const ushort MachineX86_64 = 62;

    /// <summary>SHN_UNDEF.</summary>
    public const ushort SectionUndefined = 0;
    /// <summary>SHN_LORESERVE: indexes from here on are reserved, not sections.</summary>
    public const ushort SectionLoReserve = 0xff00;
    /// <summary>SHN_ABS: absolute symbol value.</summary>
    public const ushort SectionAbsolute = 0xfff1;
    /// <summary>SHN_COMMON: tentative definition (Linux refuses these in modules).</summary>
    public const ushort SectionCommon = 0xfff2;
    /// <summary>SHN_XINDEX: the real index is in SHT_SYMTAB_SHNDX / section 0 (refused here).</summary>
    public const ushort SectionXIndex = 0xffff;

    /// <summary>SHT_NULL.</summary>
    public const uint SectionTypeNull = 0;
    /// <summary>SHT_PROGBITS.</summary>
    public const uint SectionTypeProgBits = 1;
    /// <summary>SHT_SYMTAB.</summary>
    public const uint SectionTypeSymbolTable = 2;
    /// <summary>SHT_STRTAB.</summary>
    public const uint SectionTypeStringTable = 3;
    /// <summary>SHT_RELA.</summary>
    public const uint SectionTypeRela = 4;
    /// <summary>SHT_NOBITS.</summary>
    public const uint SectionTypeNoBits = 8;
    /// <summary>SHT_REL (x86-64 uses RELA only; refused).</summary>
    public const uint SectionTypeRel = 9;
    /// <summary>SHT_DYNSYM (not in a relocatable module; refused).</summary>
    public const uint SectionTypeDynamicSymbols = 11;
    /// <summary>SHT_SYMTAB_SHNDX (extended section indexes; refused).</summary>
    public const uint SectionTypeSymbolTableIndex = 18;

    /// <summary>SHF_WRITE.</summary>
    public const ulong FlagWrite = 0x1;
    /// <summary>SHF_ALLOC.</summary>
    public const ulong FlagAlloc = 0x2;
    /// <summary>SHF_EXECINSTR.</summary>
    public const ulong FlagExecInstr = 0x4;
    /// <summary>Linux's SHF_RO_AFTER_INIT (include/uapi/linux/elf.h), set by the loader itself.</summary>
    public const ulong FlagRoAfterInit = 0x00200000;

    /// <summary>STB_WEAK.</summary>
    public const byte BindWeak = 2;

    /// <summary>R_X86_64_NONE.</summary>
    public const uint RelocNone = 0;
    /// <summary>R_X86_64_64: S + A, 64 bits.</summary>
    public const uint Reloc64 = 1;
    /// <summary>R_X86_64_PC32: S + A - P, 32 bits.</summary>
    public const uint RelocPc32 = 2;
    /// <summary>R_X86_64_PLT32: L + A - P; a module has no PLT, so S + A - P like Linux.</summary>
    public const uint RelocPlt32 = 4;
    /// <summary>R_X86_64_32: S + A, zero-extended 32 bits.</summary>
    public const uint Reloc32 = 10;
    /// <summary>R_X86_64_32S: S + A, sign-extended 32 bits.</summary>
    public const uint Reloc32S = 11;
    /// <summary>R_X86_64_PC64: S + A - P, 64 bits.</summary>
    public const uint RelocPc64 = 24;
}
