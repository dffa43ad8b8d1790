using System.Runtime.InteropServices;

namespace Lvbs.Hypervisor.KvmPlanes.Definitions;

/// <summary><c>struct kvm_plane_event_exit</c> of the 2026 series: u32 cause, u32 plane, u64 extra[8].</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct KvmPlaneEventExit2026
{
    /// <summary>Size.</summary>
    public const int Size = 72;

    /// <summary>Cause (1 = create vCPU).</summary>
    [FieldOffset(0)] public uint Cause;
    /// <summary>Plane.</summary>
    [FieldOffset(4)] public uint Plane;
    /// <summary>extra[0] (APIC id for create vCPU); extra[1..7] follow.</summary>
    [FieldOffset(8)] public ulong Extra0;
}
