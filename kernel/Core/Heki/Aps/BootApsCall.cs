using System;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki.Aps;

/// <summary>
/// BOOT_APS (0x1FFE1; a1 = cpu_online_mask PFN, a2 = boot-signal page PFN or 0; lvbs-abi.md
/// §1.2, LinuxVBS hv_vsm_boot.c). Starts VTL1 on every CPU of the online mask
/// (<see cref="ApStarter"/>), then writes <see cref="BootSignal.Token"/> (0xDC) into
/// <c>boot_signal[cpu]</c> for each CPU of the mask whose VTL1 is up, and copies the page back
/// (EFAULT when the signal page cannot be read or written). With a2 = 0 (newer LiteBox, one
/// argument) no signal page is written. The signal page is read after the CPUs are started,
/// and only the named CPUs' bytes change.
/// </summary>
public sealed class BootApsCall : IVsmCallHandler
{
    private readonly IGuestMemory _memory;
    private readonly ApStarter _starter;
    private readonly bool[] _named;
    private readonly byte[] _signal = new byte[HekiPage.Size];

    /// <summary>Creates the service.</summary>
    public BootApsCall(IGuestMemory memory, ApStarter starter)
    {
        _memory = memory;
        _starter = starter;
        _named = new bool[starter.VpCount];
    }

    /// <inheritdoc />
    public long Handle(in VtlCall call)
    {
        ulong signalPfn = call.Arg2;
        if (signalPfn > (ulong.MaxValue >> GuestRange.PageShift))
        {
            return HekiErrno.Negative(LinuxErrno.EFAULT);
        }

        LinuxErrno e = _starter.StartMask(call.Arg1, _named);
        if (e != 0)
        {
            return HekiErrno.Negative(e);
        }

        if (signalPfn == 0)
        {
            return 0;
        }

        ulong pa = signalPfn << GuestRange.PageShift;
        if (GuestPages.ReadPage(_memory, pa, _signal) != BindingStatus.Success)
        {
            return HekiErrno.Negative(LinuxErrno.EFAULT);
        }

        for (int cpu = 0; cpu < _named.Length && cpu < _signal.Length; cpu++)
        {
            if (_named[cpu] && _starter.IsUp(cpu))
            {
                _signal[cpu] = BootSignal.Token;
            }
        }

        return GuestPages.WritePage(_memory, pa, _signal) == BindingStatus.Success ? 0 : HekiErrno.Negative(LinuxErrno.EFAULT);
    }
}
