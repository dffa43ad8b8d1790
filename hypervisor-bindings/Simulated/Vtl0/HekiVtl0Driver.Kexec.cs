using System;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated.Vtl0.Kexec;

namespace Lvbs.Hypervisor.Simulated.Vtl0;

/// <summary>heki_kexec_validate (virt/heki/kexec.c; lvbs-abi.md §1.2): KEXEC_VALIDATE for a loaded image, or invalidation.</summary>
public sealed partial class HekiVtl0Driver
{
    /// <summary>
    /// Loads <paramref name="kernelFile"/> as kexec_file_load would (pages from the driver's
    /// scratch area; crash images into [<paramref name="destinationBase"/>, ...)); null when it
    /// cannot.
    /// </summary>
    public KexecFileLoad? LoadKexec(byte[] kernelFile, bool crash, ulong destinationBase)
    {
        var load = new KexecFileLoad(_machine, Allocate);
        return load.Load(kernelFile, crash, destinationBase) ? load : null;
    }

    /// <summary>KEXEC_VALIDATE over <paramref name="ranges"/> (attributes = HekiKexecType); a3 = crash.</summary>
    public long KexecValidate(ReadOnlySpan<HekiRange> ranges, bool crash) => ListCall(VtlCallFunction.KexecValidate, ranges, crash ? 1UL : 0UL);

    /// <summary>KEXEC_VALIDATE with a1 = 0: drop the slot's protection (kexec unload).</summary>
    public long KexecInvalidate(bool crash) => Call(0, VtlCallFunction.KexecValidate, 0, 0, crash ? 1UL : 0UL);
}
