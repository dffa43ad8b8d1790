using Lvbs.Abi.Heki;

namespace Lvbs.Kernel.Modules;

/// <summary>
/// One module memory region (Linux <c>mod->mem[type]</c>) as VTL0 placed it: its kernel
/// virtual address and a VTL1-private copy of its bytes, taken once from VTL0 memory after the
/// frames were frozen (so VTL0 cannot change them between check and use).
/// </summary>
public sealed class LoadedRegion
{
    /// <summary>Creates a region.</summary>
    public LoadedRegion(ModMemType type, ulong va, byte[] bytes)
    {
        Type = type;
        Va = va;
        Bytes = bytes;
    }

    /// <summary>Which <c>mod_mem_type</c> this is (Text..InitRoData).</summary>
    public ModMemType Type { get; }

    /// <summary>VTL0 kernel virtual address of the first byte.</summary>
    public ulong Va { get; }

    /// <summary>The bytes VTL0 loaded, copied into VTL1.</summary>
    public byte[] Bytes { get; }
}
