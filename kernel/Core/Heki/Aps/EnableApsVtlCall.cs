using System;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki.Aps;

/// <summary>
/// ENABLE_APS_VTL (0x1FFE0; a1 = cpu_present_mask PFN; lvbs-abi.md §1.2): as Gen A does,
/// enables VTL1 on every present CPU whose VTL1 is not up (LiteBox answers 0 without doing
/// anything). Errors are those of <see cref="ApStarter.StartMask"/>.
/// </summary>
public sealed class EnableApsVtlCall : IVsmCallHandler
{
    private readonly ApStarter _starter;
    private readonly bool[] _named;

    /// <summary>Creates the service.</summary>
    public EnableApsVtlCall(ApStarter starter)
    {
        _starter = starter;
        _named = new bool[starter.VpCount];
    }

    /// <inheritdoc />
    public long Handle(in VtlCall call) => -(long)_starter.StartMask(call.Arg1, _named);
}
