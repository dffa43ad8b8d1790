using System.Runtime.InteropServices;

namespace Lvbs.Hypervisor.Tdx.Definitions;

/// <summary>
/// The L2 guest-state list TDG.VP.ENTER loads and stores (OpenVMM TdxL2EnterGuestState;
/// hypervisor-backends.md §1.3 P3/P4): 16 GPRs in RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI,
/// R8–R15 order, RFLAGS, RIP, SSP, RVI, SVI, 6 reserved bytes.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct L2EnterGuestState
{
    /// <summary>Size.</summary>
    public const int Size = 160;
    /// <summary>GPR i lives at i * 8 (architectural order).</summary>
    public const int GprOffset = 0;
    /// <summary>Offset of <see cref="Rflags"/>.</summary>
    public const int RflagsOffset = 128;
    /// <summary>Offset of <see cref="Rip"/>.</summary>
    public const int RipOffset = 136;

    /// <summary>RAX.</summary>
    [FieldOffset(0)] public ulong Rax;
    /// <summary>RCX.</summary>
    [FieldOffset(8)] public ulong Rcx;
    /// <summary>RDX.</summary>
    [FieldOffset(16)] public ulong Rdx;
    /// <summary>RBX.</summary>
    [FieldOffset(24)] public ulong Rbx;
    /// <summary>RSP.</summary>
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
    /// <summary>RFLAGS.</summary>
    [FieldOffset(RflagsOffset)] public ulong Rflags;
    /// <summary>RIP.</summary>
    [FieldOffset(RipOffset)] public ulong Rip;
    /// <summary>SSP.</summary>
    [FieldOffset(144)] public ulong Ssp;
    /// <summary>Requesting virtual interrupt.</summary>
    [FieldOffset(152)] public byte Rvi;
    /// <summary>Servicing virtual interrupt.</summary>
    [FieldOffset(153)] public byte Svi;
    /// <summary>Reserved.</summary>
    [FieldOffset(154)] public ushort Reserved0;
    /// <summary>Reserved.</summary>
    [FieldOffset(156)] public uint Reserved1;
}
