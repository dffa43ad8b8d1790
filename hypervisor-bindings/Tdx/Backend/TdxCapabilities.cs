using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Hypervisor.Tdx.Backend;

/// <summary>TDX partitioning capability row (hypervisor-backends.md §1.3).</summary>
public static class TdxCapabilities
{
    /// <summary>Backend name.</summary>
    public const string Name = "tdx";

    /// <summary>Builds the row at init.</summary>
    public static BackendCapabilities Create()
    {
        return new BackendCapabilities(Name, new[]
        {
            CapabilityCell.Full(), // memory
            CapabilityCell.Full(), // TDG.MEM.PAGE.ATTR.WR per L2 VM
            CapabilityCell.Full(), // XS/XU + MBEC in the L2 VMCS
            CapabilityCell.Full(), // CR0/CR4 guest/host masks: L2→L1 exit before the write
            CapabilityCell.Approximate("MSR bitmap element encoding for TDG.VP.WR is inferred; default is intercept-all"),
            CapabilityCell.Approximate("descriptor-table exiting traps loads and stores; operand not decoded"),
            CapabilityCell.Approximate("VMCALL/TDCALL from L2 exits to L1; project convention, not the Hyper-V hypercall page"),
            CapabilityCell.Full(), // host-routed / pending-interrupt exits end TDG.VP.ENTER
            CapabilityCell.None("TD vCPUs enter L1 at the fixed TD entry point on their own; nothing to start"),
            CapabilityCell.Approximate("GPRs via the guest-state list, the rest via TDG.VP.RD/WR of the L2 VMCS; syscall MSRs not reachable; current VP only"),
            CapabilityCell.Full(), // VM-entry interruption information
            CapabilityCell.None("the TDX module routes L2 XSETBV exits to L1, but this backend neither decodes exit 55 nor writes L2's XCR0"),
        });
    }
}
