using System.Runtime.InteropServices;

namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>HV_REGISTER_ASSOC (32 bytes): name u32, 12 pad bytes, 128-bit value (TLFS; lvbs-abi.md §5.2).</summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct HvRegisterAssoc
{
    /// <summary>Size.</summary>
    public const int Size = 32;
    /// <summary>Offset of <see cref="Name"/>.</summary>
    public const int NameOffset = 0;
    /// <summary>Offset of <see cref="ValueLow"/>.</summary>
    public const int ValueOffset = 16;

    /// <summary>Register name.</summary>
    [FieldOffset(NameOffset)] public uint Name;
    /// <summary>Reserved.</summary>
    [FieldOffset(4)] public uint Reserved0;
    /// <summary>Reserved.</summary>
    [FieldOffset(8)] public ulong Reserved1;
    /// <summary>Value bits 0–63.</summary>
    [FieldOffset(ValueOffset)] public ulong ValueLow;
    /// <summary>Value bits 64–127.</summary>
    [FieldOffset(ValueOffset + 8)] public ulong ValueHigh;
}
