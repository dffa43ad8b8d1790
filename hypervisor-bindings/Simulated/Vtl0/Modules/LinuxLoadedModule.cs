using System;
using System.Collections.Generic;
using Lvbs.Abi.Heki;

namespace Lvbs.Hypervisor.Simulated.Vtl0.Modules;

/// <summary>One region of a module as the simulated VTL0 loaded it (Linux <c>mod->mem[type]</c>).</summary>
public sealed class LinuxModuleRegion
{
    internal LinuxModuleRegion(ModMemType type, ulong va, ulong size, byte[] bytes)
    {
        Type = type;
        Va = va;
        Size = size;
        Bytes = bytes;
    }

    /// <summary>The memory type.</summary>
    public ModMemType Type { get; }

    /// <summary>Base virtual address (page aligned).</summary>
    public ulong Va { get; }

    /// <summary><c>mod->mem[type].size</c> before page rounding.</summary>
    public ulong Size { get; }

    /// <summary>The region's bytes, PAGE_ALIGN(size) long as module_memory_alloc allocates them (zero filled).</summary>
    public byte[] Bytes { get; }
}

/// <summary>A section the simulated loader placed in module memory.</summary>
public sealed record LinuxModuleSection(int Index, string Name, ModMemType Type, ulong Va, ulong Size, ulong Flags);

/// <summary>The result of <see cref="LinuxModuleLoader.Load"/>: regions and placed sections.</summary>
public sealed class LinuxLoadedModule
{
    internal LinuxLoadedModule(IReadOnlyDictionary<ModMemType, LinuxModuleRegion> regions, IReadOnlyList<LinuxModuleSection> sections)
    {
        Regions = regions;
        Sections = sections;
    }

    /// <summary>Non-empty regions by type.</summary>
    public IReadOnlyDictionary<ModMemType, LinuxModuleRegion> Regions { get; }

    /// <summary>Placed sections, in section-header order.</summary>
    public IReadOnlyList<LinuxModuleSection> Sections { get; }

    /// <summary>The placed section named <paramref name="name"/> (first one), or null.</summary>
    public LinuxModuleSection? FindSection(string name)
    {
        foreach (LinuxModuleSection s in Sections)
        {
            if (s.Name == name)
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>A writable view of the bytes at [<paramref name="va"/>, +<paramref name="length"/>) in one region (for finalize passes and tests).</summary>
    public Span<byte> At(ulong va, int length)
    {
        foreach (LinuxModuleRegion r in Regions.Values)
        {
            if (va >= r.Va && va + (ulong)length <= r.Va + (ulong)r.Bytes.Length)
            {
                return r.Bytes.AsSpan((int)(va - r.Va), length);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(va), "address not in a module region");
    }
}
