namespace Lvbs.Hypervisor.KvmPlanes.Definitions;

/// <summary>
/// Planes uAPI of the 2026-06-08 series (Jörg Rödel, "[PATCH 00/60] KVM Planes + SEV-SNP
/// Support", patches 08/29/30/47; hypervisor-backends.md §1.4). Not merged as of Aug 2026.
/// Plane switching is in-kernel; memory attributes are not per-plane yet ("required for VSM").
/// </summary>
public static class PlanesUapi2026
{
    /// <summary>KVM_CAP_PLANES.</summary>
    public const uint CapPlanes = 249;
    /// <summary>KVM_CREATE_PLANE nr (_IO(KVMIO, 0xe4)), returns a plane fd.</summary>
    public const uint CreatePlaneNr = 0xE4;
    /// <summary>KVM_EXIT_PLANE_EVENT.</summary>
    public const uint ExitPlaneEvent = 44;
    /// <summary>KVM_PLANE_EVENT_CREATE_VCPU (extra[0] = APIC id).</summary>
    public const uint EventCreateVcpu = 1;
}
