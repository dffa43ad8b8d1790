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
}
