namespace Lvbs.Kernel.Modules.Elf;

/// <summary>One Elf64_Shdr as read from the file (gABI "Sections"), after the parser's bounds checks.</summary>
public readonly struct ElfSectionHeader
{
    /// <summary>Creates a header.</summary>
    public ElfSectionHeader(uint name, uint type, ulong flags, ulong offset, ulong size, uint link, uint info, ulong addrAlign, ulong entSize)
    {
        Name = name;
        Type = type;
        Flags = flags;
        Offset = offset;
        Size = size;
        Link = link;
        Info = info;
        AddrAlign = addrAlign;
        EntSize = entSize;
    }

    /// <summary>sh_name: offset of the name in the section-name string table.</summary>
    public uint Name { get; }
    /// <summary>sh_type.</summary>
    public uint Type { get; }
    /// <summary>sh_flags.</summary>
    public ulong Flags { get; }
    /// <summary>sh_offset: file offset of the contents (meaningless for SHT_NOBITS).</summary>
    public ulong Offset { get; }
    /// <summary>sh_size in bytes.</summary>
    public ulong Size { get; }
    /// <summary>sh_link.</summary>
    public uint Link { get; }
    /// <summary>sh_info.</summary>
    public uint Info { get; }
    /// <summary>sh_addralign (0 or a power of two; checked).</summary>
    public ulong AddrAlign { get; }
    /// <summary>sh_entsize.</summary>
    public ulong EntSize { get; }

    /// <summary>True when the section occupies file bytes (not SHT_NULL, not SHT_NOBITS).</summary>
    public bool HasFileBytes => Type != ElfConstants.SectionTypeNull && Type != ElfConstants.SectionTypeNoBits;
}
