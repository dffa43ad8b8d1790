using System.Runtime.InteropServices;

namespace Lvbs.Hypervisor.SevSnp.Definitions;

/// <summary>A VMSA segment / table register (16 bytes: selector, attributes, limit, base; Linux svm.h vmcb_seg).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct VmsaSegment
{
    /// <summary>Size.</summary>
    public const int Size = 16;

    /// <summary>Selector.</summary>
    [FieldOffset(0)] public ushort Selector;
    /// <summary>Attributes.</summary>
    [FieldOffset(2)] public ushort Attributes;
    /// <summary>Limit.</summary>
    [FieldOffset(4)] public uint Limit;
    /// <summary>Base.</summary>
    [FieldOffset(8)] public ulong Base;
}
