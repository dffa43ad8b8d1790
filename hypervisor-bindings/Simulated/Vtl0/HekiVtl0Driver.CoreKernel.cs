using System;
using System.Collections.Generic;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated.Vtl0.CoreKernel;

namespace Lvbs.Hypervisor.Simulated.Vtl0;

/// <summary>heki_late_init's PROTECT_MEMORY of the core kernel mapping (lvbs-abi.md §1.4), for a <see cref="SimulatedSealedKernel"/>.</summary>
public sealed partial class HekiVtl0Driver
{
    /// <summary>
    /// Places every page of <paramref name="kernel"/> in VTL0 memory and protects it at its
    /// kernel VA with its attributes (one range per page, as heki_walk emits); returns the
    /// PROTECT_MEMORY result. <paramref name="placed"/> maps each page VA to its PA.
    /// </summary>
    public long ProtectCoreKernel(SimulatedSealedKernel kernel, out Dictionary<ulong, ulong> placed)
    {
        placed = new Dictionary<ulong, ulong>();
        var ranges = new List<HekiRange>();
        foreach (SealedKernelPage page in kernel.Pages)
        {
            ulong pa = Place(page.Bytes);
            if (pa == 0)
            {
                return -(long)LinuxErrno.ENOMEM;
            }

            placed[page.Va] = pa;
            ranges.Add(new HekiRange { Va = page.Va, Pa = pa, Epa = pa + 0x1000, Attributes = page.Attributes });
        }

        return ProtectMemory(ranges.ToArray());
    }

    /// <summary>
    /// heki_load_kdata for a kernel whose site tables are part of its .rodata: like
    /// <see cref="LoadKdata(SimulatedKernelImage, ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>,
    /// plus KernelData ranges over <paramref name="core"/>'s table pages. With
    /// <paramref name="placed"/> (from <see cref="ProtectCoreKernel"/>) they describe the sealed
    /// pages themselves, as real Linux does; with <paramref name="substitute"/> VTL0 sends other
    /// bytes at the same VAs from scratch memory instead.
    /// </summary>
    public long LoadKdataWithTables(SimulatedKernelImage kernel, ReadOnlySpan<byte> systemCerts, SimulatedSealedKernel core,
        IReadOnlyDictionary<ulong, ulong> placed, byte[]? substitute = null)
    {
        var ranges = new List<HekiRange>();
        if (!AddData(ranges, systemCerts, HekiKdataType.SystemCerts) || !AddData(ranges, kernel.KernelInfoBytes(), HekiKdataType.KernelInfo))
        {
            return -(long)LinuxErrno.ENOMEM;
        }

        ulong rodataPa = Place(kernel.Rodata);
        if (rodataPa == 0)
        {
            return -(long)LinuxErrno.ENOMEM;
        }

        ranges.AddRange(RangesAt(SimulatedKernelImage.RodataVa, rodataPa, (ulong)kernel.Rodata.Length, (ulong)HekiKdataType.KernelData));
        ulong first = core.TablesVa & ~0xFFFUL;
        ulong end = (core.TablesVa + (ulong)core.Tables.Length + 0xFFF) & ~0xFFFUL;
        if (substitute is not null)
        {
            ulong pa = Place(substitute);
            if (pa == 0)
            {
                return -(long)LinuxErrno.ENOMEM;
            }

            ranges.AddRange(RangesAt(first, pa, end - first, (ulong)HekiKdataType.KernelData));
        }
        else
        {
            for (ulong va = first; va < end; va += 0x1000)
            {
                ranges.Add(new HekiRange { Va = va, Pa = placed[va], Epa = placed[va] + 0x1000, Attributes = (ulong)HekiKdataType.KernelData });
            }
        }

        return LoadKdata(ranges.ToArray());
    }
}
