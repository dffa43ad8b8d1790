namespace Lvbs.Hypervisor.KvmPlanes.Definitions;

/// <summary>
/// Planes uAPI of the 2025-04-01 RFC (Paolo Bonzini, "[RFC PATCH 00/29] KVM: VM planes",
/// patches 02 and 13; hypervisor-backends.md §1.4). Not merged; numbers changed later.
/// </summary>
public static class PlanesUapi2025
{
    /// <summary>KVM_CREATE_PLANE nr (_IO(KVMIO, 0xd6)).</summary>
    public const uint CreatePlaneNr = 0xD6;
    /// <summary>KVM_CREATE_VCPU_PLANE nr (_IO(KVMIO, 0xd7)).</summary>
    public const uint CreateVcpuPlaneNr = 0xD7;
    /// <summary>KVM_EXIT_PLANE_EVENT.</summary>
    public const uint ExitPlaneEvent = 40;
    /// <summary>KVM_PLANE_EVENT_INTERRUPT.</summary>
    public const ushort EventInterrupt = 1;
    /// <summary>Planes supported ("KVM: x86: enable up to 16 planes").</summary>
    public const int MaxPlanes = 16;
}
