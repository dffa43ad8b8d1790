using System.Runtime.InteropServices;

namespace Lvbs.Hypervisor.HyperV.Backend;

/// <summary>
/// The lower VTL's general-purpose registers as the VTL-return stub saves and restores them
/// (GPRs are shared across a VTL switch, so VTL1 must preserve them: lvbs-abi.md §1.1, §5.4).
/// Layout is a contract with the assembly stub: 16 u64 in architectural order.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct HvLowerGprs
{
    /// <summary>Size.</summary>
    public const int Size = 128;

    /// <summary>RAX.</summary>
    [FieldOffset(0)] public ulong Rax;
    /// <summary>RCX.</summary>
    [FieldOffset(8)] public ulong Rcx;
    /// <summary>RDX.</summary>
    [FieldOffset(16)] public ulong Rdx;
    /// <summary>RBX.</summary>
    [FieldOffset(24)] public ulong Rbx;
    /// <summary>RSP (not shared; kept for the layout).</summary>
    [FieldOffset(32)] public ulong Rsp;
    /// <summary>RBP.</summary>
    [FieldOffset(40)] public ulong Rbp;
    /// <summary>RSI.</summary>
    [FieldOffset(48)] public ulong Rsi;
    /// <summary>RDI.</summary>
    [FieldOffset(56)] public ulong Rdi;
    /// <summary>R8.</summary>
    [FieldOffset(64)] public ulong R8;
    /// <summary>R9.</summary>
    [FieldOffset(72)] public ulong R9;
    /// <summary>R10.</summary>
    [FieldOffset(80)] public ulong R10;
    /// <summary>R11.</summary>
    [FieldOffset(88)] public ulong R11;
    /// <summary>R12.</summary>
    [FieldOffset(96)] public ulong R12;
    /// <summary>R13.</summary>
    [FieldOffset(104)] public ulong R13;
    /// <summary>R14.</summary>
    [FieldOffset(112)] public ulong R14;
    /// <summary>R15.</summary>
    [FieldOffset(120)] public ulong R15;
}
