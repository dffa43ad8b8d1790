namespace Lvbs.Kernel.Heki;

/// <summary>
/// Which attribute vocabulary a page chain carries (lvbs-abi.md §1.3 "Attribute
/// vocabularies"); it decides the attribute check and whether ranges must be page aligned.
/// </summary>
public enum HekiRangeKind
{
    /// <summary>PROTECT_MEMORY: MemAttr bits, page-aligned ranges.</summary>
    MemAttr = 0,
    /// <summary>LOAD_KDATA: HekiKdataType, byte-granular ranges.</summary>
    Kdata = 1,
    /// <summary>VALIDATE_MODULE: ModMemType; sections page aligned, ElfBuffer and Patch byte-granular.</summary>
    ModuleMemory = 2,
    /// <summary>KEXEC_VALIDATE: HekiKexecType, byte-granular ranges.</summary>
    Kexec = 3,
}
