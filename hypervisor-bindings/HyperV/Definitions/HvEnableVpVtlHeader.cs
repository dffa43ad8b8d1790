using System.Runtime.InteropServices;

namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>HvCallEnableVpVtl input: 16-byte header then <see cref="HvInitialVpContextX64"/> (240 bytes total; lvbs-abi.md §5.2).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct HvEnableVpVtlHeader
{
    /// <summary>Header size; the context follows.</summary>
    public const int Size = 16;
    /// <summary>Whole input size.</summary>
    public const int InputSize = Size + HvInitialVpContextX64.Size;

    /// <summary>Partition (SELF).</summary>
    [FieldOffset(0)] public ulong PartitionId;
    /// <summary>VP index.</summary>
    [FieldOffset(8)] public uint VpIndex;
    /// <summary>Target VTL.</summary>
    [FieldOffset(12)] public byte TargetVtl;
    /// <summary>Must be zero.</summary>
    [FieldOffset(13)] public byte Mbz0;
    /// <summary>Must be zero.</summary>
    [FieldOffset(14)] public ushort Mbz1;
}
