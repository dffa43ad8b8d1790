namespace Lvbs.Hypervisor.Abstractions;

/// <summary>Lower-VTL registers the secure kernel reads or writes, backend-neutral. Open set.</summary>
public enum VpRegister
{
    /// <summary>RAX.</summary>
    Rax = 0,
    /// <summary>RCX.</summary>
    Rcx,
    /// <summary>RDX.</summary>
    Rdx,
    /// <summary>RBX.</summary>
    Rbx,
    /// <summary>RSP.</summary>
    Rsp,
    /// <summary>RBP.</summary>
    Rbp,
    /// <summary>RSI.</summary>
    Rsi,
    /// <summary>RDI.</summary>
    Rdi,
    /// <summary>R8.</summary>
    R8,
    /// <summary>R9.</summary>
    R9,
    /// <summary>R10.</summary>
    R10,
    /// <summary>R11.</summary>
    R11,
    /// <summary>R12.</summary>
    R12,
    /// <summary>R13.</summary>
    R13,
    /// <summary>R14.</summary>
    R14,
    /// <summary>R15.</summary>
    R15,
    /// <summary>RIP.</summary>
    Rip,
    /// <summary>RFLAGS.</summary>
    Rflags,
    /// <summary>CR0.</summary>
    Cr0,
    /// <summary>CR2.</summary>
    Cr2,
    /// <summary>CR3.</summary>
    Cr3,
    /// <summary>CR4.</summary>
    Cr4,
    /// <summary>IA32_EFER.</summary>
    Efer,
    /// <summary>STAR.</summary>
    Star,
    /// <summary>LSTAR.</summary>
    Lstar,
    /// <summary>CSTAR.</summary>
    Cstar,
    /// <summary>SFMASK.</summary>
    Sfmask,
    /// <summary>IA32_APIC_BASE.</summary>
    ApicBase,
    /// <summary>SYSENTER_CS.</summary>
    SysenterCs,
    /// <summary>SYSENTER_EIP.</summary>
    SysenterEip,
    /// <summary>SYSENTER_ESP.</summary>
    SysenterEsp,
    /// <summary>KERNEL_GS_BASE.</summary>
    KernelGsBase,
    /// <summary>IA32_PAT.</summary>
    Pat,
    /// <summary>GDTR base.</summary>
    GdtrBase,
    /// <summary>GDTR limit.</summary>
    GdtrLimit,
    /// <summary>IDTR base.</summary>
    IdtrBase,
    /// <summary>IDTR limit.</summary>
    IdtrLimit,
    /// <summary>LDTR selector.</summary>
    LdtrSelector,
    /// <summary>TR selector.</summary>
    TrSelector,
    /// <summary>XCR0 (XFEM): the XSAVE feature-enable mask, written with XSETBV ECX = 0.</summary>
    Xcr0,
}
