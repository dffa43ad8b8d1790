using System.Runtime.InteropServices;

namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>HV_X64_TABLE_REGISTER (16 bytes): 3 × u16 pad, limit u16 @6, base u64 @8 (lvbs-abi.md §5.2).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct HvX64TableRegister
{
    /// <summary>Size.</summary>
    public const int Size = 16;

    /// <summary>Reserved.</summary>
    [FieldOffset(0)] public ushort Pad0;
    /// <summary>Reserved.</summary>
    [FieldOffset(2)] public ushort Pad1;
    /// <summary>Reserved.</summary>
    [FieldOffset(4)] public ushort Pad2;
    /// <summary>Limit.</summary>
    [FieldOffset(6)] public ushort Limit;
    /// <summary>Base.</summary>
    [FieldOffset(8)] public ulong Base;
}
