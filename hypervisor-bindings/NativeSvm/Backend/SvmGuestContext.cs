using System.Runtime.InteropServices;

namespace Lvbs.Hypervisor.NativeSvm.Backend;

/// <summary>
/// Guest state VMRUN does not switch: the general-purpose registers other than RAX/RSP (which
/// live in the VMCB) and the addresses of the guest's XSAVE area and the host's VMLOAD page.
/// The layout is shared with kernel/Boot/svm.asm (CTX_* offsets); a layout test pins it.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
public struct SvmGuestContext
{
    [FieldOffset(0)] public ulong Rbx;
    [FieldOffset(8)] public ulong Rcx;
    [FieldOffset(16)] public ulong Rdx;
    [FieldOffset(24)] public ulong Rsi;
    [FieldOffset(32)] public ulong Rdi;
    [FieldOffset(40)] public ulong Rbp;
    [FieldOffset(48)] public ulong R8;
    [FieldOffset(56)] public ulong R9;
    [FieldOffset(64)] public ulong R10;
    [FieldOffset(72)] public ulong R11;
    [FieldOffset(80)] public ulong R12;
    [FieldOffset(88)] public ulong R13;
    [FieldOffset(96)] public ulong R14;
    [FieldOffset(104)] public ulong R15;
    [FieldOffset(112)] public ulong XsaveAreaPa;
    [FieldOffset(120)] public ulong HostStatePa;
}
