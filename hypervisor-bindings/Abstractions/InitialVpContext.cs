namespace Lvbs.Hypervisor.Abstractions;

/// <summary>
/// Register state a VP starts with at the higher VTL (P5); the neutral form of Hyper-V's
/// InitialVpContextX64 and of an SNP VMSA / TDX L1 start state.
/// </summary>
public struct InitialVpContext
{
    /// <summary>Entry point.</summary>
    public ulong Rip;
    /// <summary>Stack.</summary>
    public ulong Rsp;
    /// <summary>RFLAGS (0x2 minimum).</summary>
    public ulong Rflags;
    /// <summary>CR0.</summary>
    public ulong Cr0;
    /// <summary>CR3.</summary>
    public ulong Cr3;
    /// <summary>CR4.</summary>
    public ulong Cr4;
    /// <summary>EFER.</summary>
    public ulong Efer;
    /// <summary>PAT.</summary>
    public ulong Pat;
    /// <summary>GDT base.</summary>
    public ulong GdtrBase;
    /// <summary>GDT limit.</summary>
    public ushort GdtrLimit;
    /// <summary>IDT base.</summary>
    public ulong IdtrBase;
    /// <summary>IDT limit.</summary>
    public ushort IdtrLimit;
    /// <summary>CS selector.</summary>
    public ushort CsSelector;
    /// <summary>CS attributes (Hyper-V segment attribute format).</summary>
    public ushort CsAttributes;
    /// <summary>DS/ES/FS/GS/SS selector.</summary>
    public ushort DataSelector;
    /// <summary>DS/ES/FS/GS/SS attributes.</summary>
    public ushort DataAttributes;
    /// <summary>TR selector.</summary>
    public ushort TrSelector;
    /// <summary>TR attributes.</summary>
    public ushort TrAttributes;
    /// <summary>TSS base.</summary>
    public ulong TrBase;
    /// <summary>TSS limit.</summary>
    public uint TrLimit;
}
