using System.Runtime.InteropServices;

namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>
/// Header of HvCallGetVpRegisters / HvCallSetVpRegisters (TLFS hvcallsetvpregisters; OVMM-hvdef
/// GetSetVpRegisters). Get: rep list of u32 names at 16, 16-byte values out. Set: rep list of
/// <see cref="HvRegisterAssoc"/> at 16.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct HvGetSetVpRegistersHeader
{
    /// <summary>Header size.</summary>
    public const int Size = 16;
    /// <summary>Offset of <see cref="PartitionId"/>.</summary>
    public const int PartitionIdOffset = 0;
    /// <summary>Offset of <see cref="VpIndex"/>.</summary>
    public const int VpIndexOffset = 8;
    /// <summary>Offset of <see cref="TargetVtl"/>.</summary>
    public const int TargetVtlOffset = 12;

    /// <summary>Partition (SELF).</summary>
    [FieldOffset(PartitionIdOffset)] public ulong PartitionId;
    /// <summary>VP index.</summary>
    [FieldOffset(VpIndexOffset)] public uint VpIndex;
    /// <summary>HV_INPUT_VTL.</summary>
    [FieldOffset(TargetVtlOffset)] public byte TargetVtl;
    /// <summary>Reserved.</summary>
    [FieldOffset(13)] public byte Reserved0;
    /// <summary>Reserved.</summary>
    [FieldOffset(14)] public ushort Reserved1;
}
