using System.Runtime.InteropServices;

namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>HvCallEnablePartitionVtl input (16 bytes; OVMM-hvdef; lvbs-abi.md §5.2).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct HvEnablePartitionVtlInput
{
    /// <summary>Size.</summary>
    public const int Size = 16;

    /// <summary>Partition (SELF).</summary>
    [FieldOffset(0)] public ulong PartitionId;
    /// <summary>Target VTL.</summary>
    [FieldOffset(8)] public byte TargetVtl;
    /// <summary>Bit 0 enable_mbec, 1 supervisor shadow stack, 2 hardware HVPT.</summary>
    [FieldOffset(9)] public byte Flags;
    /// <summary>Reserved.</summary>
    [FieldOffset(10)] public ushort Reserved0;
    /// <summary>Reserved.</summary>
    [FieldOffset(12)] public uint Reserved1;
}
