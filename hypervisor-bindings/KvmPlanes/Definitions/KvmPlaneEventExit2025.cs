using System.Runtime.InteropServices;

namespace Lvbs.Hypervisor.KvmPlanes.Definitions;

/// <summary>
/// <c>struct kvm_plane_event_exit</c> of the 2025 RFC: u16 cause, u16 pending_event_planes,
/// u16 target, u16 padding, u32 flags, (4 bytes natural padding), u64 extra[8]. Only the
/// first of the eight extra words is declared as a field; the size pins the rest.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct KvmPlaneEventExit2025
{
    /// <summary>Size (C natural alignment puts extra at 16).</summary>
    public const int Size = 80;

    /// <summary>Cause.</summary>
    [FieldOffset(0)] public ushort Cause;
    /// <summary>Planes with pending events.</summary>
    [FieldOffset(2)] public ushort PendingEventPlanes;
    /// <summary>Target plane.</summary>
    [FieldOffset(4)] public ushort Target;
    /// <summary>Padding.</summary>
    [FieldOffset(6)] public ushort Padding;
    /// <summary>Flags.</summary>
    [FieldOffset(8)] public uint Flags;
    /// <summary>extra[0]; extra[1..7] follow.</summary>
    [FieldOffset(16)] public ulong Extra0;
}
