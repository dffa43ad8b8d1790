using System.Runtime.InteropServices;

namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>
/// HV_INITIAL_VP_CONTEXT (224 bytes) as in HvCallEnableVpVtl / StartVirtualProcessor
/// (OVMM-hvdef InitialVpContextX64; lvbs-abi.md §5.2).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct HvInitialVpContextX64
{
    /// <summary>Size.</summary>
    public const int Size = 224;

    /// <summary>RIP.</summary>
    [FieldOffset(0)] public ulong Rip;
    /// <summary>RSP.</summary>
    [FieldOffset(8)] public ulong Rsp;
    /// <summary>RFLAGS.</summary>
    [FieldOffset(16)] public ulong Rflags;
    /// <summary>CS.</summary>
    [FieldOffset(24)] public HvX64SegmentRegister Cs;
    /// <summary>DS.</summary>
    [FieldOffset(40)] public HvX64SegmentRegister Ds;
    /// <summary>ES.</summary>
    [FieldOffset(56)] public HvX64SegmentRegister Es;
    /// <summary>FS.</summary>
    [FieldOffset(72)] public HvX64SegmentRegister Fs;
    /// <summary>GS.</summary>
    [FieldOffset(88)] public HvX64SegmentRegister Gs;
    /// <summary>SS.</summary>
    [FieldOffset(104)] public HvX64SegmentRegister Ss;
    /// <summary>TR.</summary>
    [FieldOffset(120)] public HvX64SegmentRegister Tr;
    /// <summary>LDTR.</summary>
    [FieldOffset(136)] public HvX64SegmentRegister Ldtr;
    /// <summary>IDTR.</summary>
    [FieldOffset(152)] public HvX64TableRegister Idtr;
    /// <summary>GDTR.</summary>
    [FieldOffset(168)] public HvX64TableRegister Gdtr;
    /// <summary>EFER.</summary>
    [FieldOffset(184)] public ulong Efer;
    /// <summary>CR0.</summary>
    [FieldOffset(192)] public ulong Cr0;
    /// <summary>CR3.</summary>
    [FieldOffset(200)] public ulong Cr3;
    /// <summary>CR4.</summary>
    [FieldOffset(208)] public ulong Cr4;
    /// <summary>PAT.</summary>
    [FieldOffset(216)] public ulong MsrCrPat;
}
