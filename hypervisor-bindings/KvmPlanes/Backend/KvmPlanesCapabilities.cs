using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Hypervisor.KvmPlanes.Backend;

/// <summary>
/// Capability row for a secure kernel in the higher plane of a KVM
/// planes VM with the Hyper-V VSM guest interface (the "VSM flavour", hypervisor-backends.md
/// §1.4). The SNP flavour is the sev-snp row: guests see ordinary VMPLs.
/// </summary>
public static class KvmPlanesCapabilities
{
    /// <summary>Backend name.</summary>
    public const string Name = "kvm-planes";

    /// <summary>Builds the row at init.</summary>
    public static BackendCapabilities Create()
    {
        return new BackendCapabilities(Name, new[]
        {
            CapabilityCell.Full(), // memory: one memslot set shared by all planes
            CapabilityCell.None("memory attributes are not per-plane in any posted series; RWX attributes never merged"),
            CapabilityCell.None("KVM attribute proposals have a single NX: no user/kernel execute split"),
            CapabilityCell.None("no CR-write intercept for lower planes in the posted uAPI"),
            CapabilityCell.None("no MSR-write intercept for lower planes in the posted uAPI"),
            CapabilityCell.Approximate("out-of-tree KVM_CAP_HYPERV_REG_INTERCEPT diverts LGDT/LIDT only"),
            CapabilityCell.Approximate("out-of-tree in-kernel HvCallVtlCall/VtlReturn (KVM_HYPERV_HCALL_VTL_CALLS)"),
            CapabilityCell.Approximate("plane events / KVM_EXIT_HYPERV_VTL_INTERRUPT, out-of-tree"),
            CapabilityCell.Approximate("plane vCPUs created by the VMM on KVM_PLANE_EVENT_CREATE_VCPU"),
            CapabilityCell.Approximate("Get/SetVpRegisters emulated by KVM+VMM over plane vCPU fds"),
            CapabilityCell.Approximate("PendingEvent0 emulated via KVM_SET_VCPU_EVENTS on the plane vCPU"),
            CapabilityCell.None("no XSETBV intercept for lower planes in the posted uAPI (KVM_CAP_HYPERV_REG_INTERCEPT covers LGDT/LIDT only)"),
        });
    }
}
