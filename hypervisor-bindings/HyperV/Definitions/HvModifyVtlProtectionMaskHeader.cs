using System.Runtime.InteropServices;

namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>
/// HvCallModifyVtlProtectionMask fixed header (TLFS hvcallmodifyvtlprotectionmask; OVMM-hvdef):
/// followed by the rep list of u64 GPA page numbers at offset 16.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct HvModifyVtlProtectionMaskHeader
{
    /// <summary>Header size; the rep list starts here.</summary>
    public const int Size = 16;
    /// <summary>Offset of <see cref="TargetPartitionId"/>.</summary>
    public const int TargetPartitionIdOffset = 0;
    /// <summary>Offset of <see cref="MapFlags"/>.</summary>
    public const int MapFlagsOffset = 8;
    /// <summary>Offset of <see cref="TargetVtl"/>.</summary>
    public const int TargetVtlOffset = 12;

    /// <summary>Partition (SELF).</summary>
    [FieldOffset(TargetPartitionIdOffset)] public ulong TargetPartitionId;
    /// <summary>HV_MAP_GPA flags.</summary>
    [FieldOffset(MapFlagsOffset)] public uint MapFlags;
    /// <summary>HV_INPUT_VTL.</summary>
    [FieldOffset(TargetVtlOffset)] public byte TargetVtl;
    /// <summary>Reserved.</summary>
    [FieldOffset(13)] public byte Reserved0;
    /// <summary>Reserved.</summary>
    [FieldOffset(14)] public ushort Reserved1;
}
