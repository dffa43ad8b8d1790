namespace Lvbs.Kernel.Modules.Elf;

/// <summary>One Elf64_Sym (gABI "Symbol Table"), after the parser's index checks.</summary>
public readonly struct ElfSymbol
{
    /// <summary>Creates a symbol.</summary>
    public ElfSymbol(uint name, byte info, ushort sectionIndex, ulong value, ulong size)
    {
        Name = name;
        Info = info;
        SectionIndex = sectionIndex;
        Value = value;
        Size = size;
    }

    /// <summary>st_name: offset in the symbol string table.</summary>
    public uint Name { get; }
    /// <summary>st_info: binding (high nibble) and type (low nibble).</summary>
    public byte Info { get; }
    /// <summary>st_shndx: a section index, SHN_UNDEF, SHN_ABS or SHN_COMMON (others are refused).</summary>
    public ushort SectionIndex { get; }
    /// <summary>st_value: offset in the section for a defined symbol of a relocatable file.</summary>
    public ulong Value { get; }
    /// <summary>st_size.</summary>
    public ulong Size { get; }
    /// <summary>STB_* binding.</summary>
    public byte Binding => (byte)(Info >> 4);
}
