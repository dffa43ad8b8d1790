using System;
using System.Collections.Generic;
using Lvbs.Abi.Heki;

namespace Lvbs.Hypervisor.Simulated.Vtl0;

/// <summary>heki_validate_module (virt/heki/module.c; lvbs-abi.md §1.4): the signed .ko plus every non-empty region.</summary>
public sealed partial class HekiVtl0Driver
{
    /// <summary>VTL0 VA where the driver's vmalloc'd copies of .ko files start (Linux VMALLOC_START).</summary>
    public const ulong VmallocBase = 0xFFFF_C900_0000_0000;

    private ulong _nextVmalloc = VmallocBase;

    /// <summary>A module region as VTL0's loader placed it: its type, kernel VA and bytes.</summary>
    public readonly struct ModuleRegion
    {
        /// <summary>Creates a region.</summary>
        public ModuleRegion(ModMemType type, ulong va, byte[] bytes)
        {
            Type = type;
            Va = va;
            Bytes = bytes;
        }

        /// <summary>Memory type.</summary>
        public ModMemType Type { get; }

        /// <summary>Kernel VA (page aligned).</summary>
        public ulong Va { get; }

        /// <summary>The bytes (sent rounded up to whole pages).</summary>
        public byte[] Bytes { get; }
    }

    /// <summary>What <see cref="PlaceModule"/> put in guest memory.</summary>
    public sealed class PlacedModule
    {
        /// <summary>The heki ranges describing the module.</summary>
        public List<HekiRange> Ranges { get; } = new();

        /// <summary>PA of the first page of each region, by type (absent types missing).</summary>
        public Dictionary<ModMemType, ulong> RegionPa { get; } = new();

        /// <summary>Size in bytes of each region as sent (page multiple).</summary>
        public Dictionary<ModMemType, ulong> RegionSize { get; } = new();

        /// <summary>VA of each region, by type.</summary>
        public Dictionary<ModMemType, ulong> RegionVa { get; } = new();

        /// <summary>The PA of a byte of one of the module's regions (each is physically contiguous here).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The VA is in no region of the module.</exception>
        public ulong PaOf(ulong va)
        {
            foreach (KeyValuePair<ModMemType, ulong> r in RegionVa)
            {
                if (va >= r.Value && va - r.Value < RegionSize[r.Key])
                {
                    return RegionPa[r.Key] + (va - r.Value);
                }
            }

            throw new ArgumentOutOfRangeException(nameof(va), "not in a region of this module");
        }
    }

    /// <summary>
    /// Places the signed .ko (ElfBuffer, vmalloc VA) and each region (page by page at its VA,
    /// physically contiguous here) in VTL0 memory and returns the ranges; null when memory runs out.
    /// </summary>
    public PlacedModule? PlaceModule(ReadOnlySpan<byte> signedModule, IReadOnlyList<ModuleRegion> regions)
    {
        var placed = new PlacedModule();
        ulong elfPa = Place(signedModule);
        if (elfPa == 0)
        {
            return null;
        }

        ulong elfVa = _nextVmalloc;
        _nextVmalloc += ((ulong)signedModule.Length + 0x1FFF) & ~0xFFFUL;
        placed.Ranges.AddRange(RangesAt(elfVa, elfPa, (ulong)signedModule.Length, (ulong)ModMemType.ElfBuffer));
        foreach (ModuleRegion r in regions)
        {
            if (r.Bytes.Length == 0)
            {
                continue;
            }

            ulong size = ((ulong)r.Bytes.Length + 0xFFF) & ~0xFFFUL;
            ulong pa = Place(r.Bytes);
            if (pa == 0)
            {
                return null;
            }

            placed.RegionPa[r.Type] = pa;
            placed.RegionSize[r.Type] = size;
            placed.RegionVa[r.Type] = r.Va;
            placed.Ranges.AddRange(RangesAt(r.Va, pa, size, (ulong)r.Type));
        }

        return placed;
    }

    /// <summary>Places the module and issues VALIDATE_MODULE; returns the token or -errno.</summary>
    public long ValidateModule(ReadOnlySpan<byte> signedModule, IReadOnlyList<ModuleRegion> regions, out PlacedModule? placed)
    {
        placed = PlaceModule(signedModule, regions);
        return placed is null ? -(long)LinuxErrno.ENOMEM : ValidateModule(placed.Ranges.ToArray());
    }
}
