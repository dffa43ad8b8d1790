using System.Runtime.InteropServices;

namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>HV_X64_SEGMENT_REGISTER (16 bytes): base, limit, selector, attributes (lvbs-abi.md §5.2).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct HvX64SegmentRegister
{
    /// <summary>Size.</summary>
    public const int Size = 16;

    /// <summary>Base.</summary>
    [FieldOffset(0)] public ulong Base;
    /// <summary>Limit.</summary>
    [FieldOffset(8)] public uint Limit;
    /// <summary>Selector.</summary>
    [FieldOffset(12)] public ushort Selector;
    /// <summary>Attributes.</summary>
    [FieldOffset(14)] public ushort Attributes;
}
