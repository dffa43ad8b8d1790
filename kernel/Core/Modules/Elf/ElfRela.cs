namespace Lvbs.Kernel.Modules.Elf;

/// <summary>One Elf64_Rela (gABI "Relocation"): r_info split into symbol index and x86-64 type.</summary>
public readonly struct ElfRela
{
    /// <summary>Creates a relocation.</summary>
    public ElfRela(ulong offset, uint symbol, uint type, long addend)
    {
        Offset = offset;
        Symbol = symbol;
        Type = type;
        Addend = addend;
    }

    /// <summary>r_offset: byte offset in the target section.</summary>
    public ulong Offset { get; }
    /// <summary>ELF64_R_SYM(r_info), checked against the symbol count by the parser.</summary>
    public uint Symbol { get; }
    /// <summary>ELF64_R_TYPE(r_info).</summary>
    public uint Type { get; }
    /// <summary>r_addend.</summary>
    public long Addend { get; }
}
