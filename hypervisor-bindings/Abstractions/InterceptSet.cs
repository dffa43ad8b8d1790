namespace Lvbs.Hypervisor.Abstractions;

/// <summary>
/// Register writes of the lower VTL that should trap to the higher VTL before taking effect.
/// Backend-neutral: each backend maps these to its own control bits (e.g. Hyper-V
/// HvRegisterCrInterceptControl, TDX L2 VMCS masks and MSR bitmaps).
/// </summary>
[System.Flags]
public enum InterceptSet : uint
{
    /// <summary>Nothing intercepted.</summary>
    None = 0,
    /// <summary>Writes changing a CR0 bit in the CR0 mask.</summary>
    Cr0Write = 1u << 0,
    /// <summary>Writes changing a CR4 bit in the CR4 mask.</summary>
    Cr4Write = 1u << 1,
    /// <summary>LGDT.</summary>
    GdtrWrite = 1u << 2,
    /// <summary>LIDT.</summary>
    IdtrWrite = 1u << 3,
    /// <summary>LLDT.</summary>
    LdtrWrite = 1u << 4,
    /// <summary>LTR.</summary>
    TrWrite = 1u << 5,
    /// <summary>WRMSR EFER.</summary>
    EferWrite = 1u << 6,
    /// <summary>WRMSR STAR.</summary>
    StarWrite = 1u << 7,
    /// <summary>WRMSR LSTAR.</summary>
    LstarWrite = 1u << 8,
    /// <summary>WRMSR CSTAR.</summary>
    CstarWrite = 1u << 9,
    /// <summary>WRMSR SFMASK (0xC0000084).</summary>
    SfmaskWrite = 1u << 10,
    /// <summary>WRMSR APIC_BASE.</summary>
    ApicBaseWrite = 1u << 11,
    /// <summary>WRMSR SYSENTER_CS.</summary>
    SysenterCsWrite = 1u << 12,
    /// <summary>WRMSR SYSENTER_EIP.</summary>
    SysenterEipWrite = 1u << 13,
    /// <summary>WRMSR SYSENTER_ESP.</summary>
    SysenterEspWrite = 1u << 14,
    /// <summary>XSETBV to XCR0 (not in LVBS's set: LVBS leaves XCR0 unpinned, lvbs-abi.md §4).</summary>
    Xcr0Write = 1u << 15,
    /// <summary>The set LVBS LOCK_REGS arms (lvbs-abi.md §4).</summary>
    LvbsLockRegs = Cr0Write | Cr4Write | GdtrWrite | IdtrWrite | LdtrWrite | TrWrite | EferWrite | StarWrite
        | LstarWrite | CstarWrite | SfmaskWrite | ApicBaseWrite | SysenterCsWrite | SysenterEipWrite | SysenterEspWrite,
    /// <summary>MSR bits.</summary>
    AnyMsr = EferWrite | StarWrite | LstarWrite | CstarWrite | SfmaskWrite | ApicBaseWrite | SysenterCsWrite | SysenterEipWrite | SysenterEspWrite,
    /// <summary>Descriptor-table bits.</summary>
    AnyDescriptorTable = GdtrWrite | IdtrWrite | LdtrWrite | TrWrite,
}
