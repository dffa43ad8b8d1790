using System;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Modules.Elf;

namespace Lvbs.Kernel.Modules.Layout;

/// <summary>
/// Where Linux (≥ 6.4, <c>enum mod_mem_type</c>) puts each allocated section of a module:
/// the memory type and the offset inside that type's region, and each region's size. Built
/// from the signed ELF alone; the regions' base addresses are the only input VTL0 supplies.
/// The rules are in <see cref="ModuleLayoutRules"/>.
/// </summary>
public sealed class ModuleLayout
{
    /// <summary>Largest region a layout may produce (Gen A reserves 1 GiB for all modules).</summary>
    public const ulong MaxRegionSize = 1UL << 30;

    /// <summary>Section alignment above a page cannot be honoured from a page-aligned base; refused.</summary>
    public const ulong MaxSectionAlignment = 4096;

    private readonly sbyte[] _type;
    private readonly ulong[] _offset;
    private readonly ulong[] _regionSize = new ulong[LoadedModule.RegionTypeCount];

    internal ModuleLayout(int sectionCount)
    {
        _type = new sbyte[sectionCount];
        _offset = new ulong[sectionCount];
        for (int i = 0; i < sectionCount; i++)
        {
            _type[i] = -1;
        }
    }

    /// <summary>
    /// Lays out <paramref name="elf"/>: 0, ENOEXEC (an alignment or size Linux could not
    /// honour) or ENOTSUP (per-cpu data, which lives outside module memory), with
    /// <paramref name="layout"/> null on failure.
    /// </summary>
    public static int Compute(ReadOnlySpan<byte> file, ElfModule elf, out ModuleLayout? layout) =>
        ModuleLayoutRules.Compute(file, elf, out layout);

    /// <summary>True when section <paramref name="index"/> is placed in module memory.</summary>
    public bool IsPlaced(int index) => _type[index] >= 0;

    /// <summary>Memory type of a placed section.</summary>
    public ModMemType TypeOf(int index) => (ModMemType)(ulong)_type[index];

    /// <summary>Offset of a placed section inside its region.</summary>
    public ulong OffsetOf(int index) => _offset[index];

    /// <summary>Bytes the sections of <paramref name="type"/> span (Linux <c>mod->mem[type].size</c> before page rounding).</summary>
    public ulong RegionSize(ModMemType type) => _regionSize[(int)type];

    // module_get_offset_and_type: align the running size, place the section, grow the size.
    internal bool Place(int index, ModMemType type, ulong size, ulong align)
    {
        int t = (int)type;
        ulong a = align == 0 ? 1 : align;
        ulong offset = (_regionSize[t] + a - 1) & ~(a - 1);
        if (offset > MaxRegionSize || size > MaxRegionSize - offset)
        {
            return false;
        }

        _type[index] = (sbyte)t;
        _offset[index] = offset;
        _regionSize[t] = offset + size;
        return true;
    }
}
