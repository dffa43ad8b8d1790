namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>
/// HvX64RegisterName values used by a VSM secure kernel (OVMM-hvdef; TLFS HvRegister*;
/// hypervisor-backends.md §1.1 register table; lvbs-abi.md §5.3). Open set.
/// </summary>
public enum HvRegisterName : uint
{
    /// <summary>PendingInterruption.</summary>
    PendingInterruption = 0x0001_0002,
    /// <summary>InterruptState.</summary>
    InterruptState = 0x0001_0003,
    /// <summary>PendingEvent0 (128-bit).</summary>
    PendingEvent0 = 0x0001_0004,
    /// <summary>PendingEvent1.</summary>
    PendingEvent1 = 0x0001_0005,
    /// <summary>RAX; RCX..R15 follow in architectural order.</summary>
    Rax = 0x0002_0000,
    /// <summary>RCX.</summary>
    Rcx = 0x0002_0001,
    /// <summary>RDX.</summary>
    Rdx = 0x0002_0002,
    /// <summary>RBX.</summary>
    Rbx = 0x0002_0003,
    /// <summary>RSP.</summary>
    Rsp = 0x0002_0004,
    /// <summary>RBP.</summary>
    Rbp = 0x0002_0005,
    /// <summary>RSI.</summary>
    Rsi = 0x0002_0006,
    /// <summary>RDI.</summary>
    Rdi = 0x0002_0007,
    /// <summary>R8.</summary>
    R8 = 0x0002_0008,
    /// <summary>R9.</summary>
    R9 = 0x0002_0009,
    /// <summary>R10.</summary>
    R10 = 0x0002_000A,
    /// <summary>R11.</summary>
    R11 = 0x0002_000B,
    /// <summary>R12.</summary>
    R12 = 0x0002_000C,
    /// <summary>R13.</summary>
    R13 = 0x0002_000D,
    /// <summary>R14.</summary>
    R14 = 0x0002_000E,
    /// <summary>R15.</summary>
    R15 = 0x0002_000F,
    /// <summary>RIP.</summary>
    Rip = 0x0002_0010,
    /// <summary>RFLAGS.</summary>
    Rflags = 0x0002_0011,
    /// <summary>CR0.</summary>
    Cr0 = 0x0004_0000,
    /// <summary>CR2.</summary>
    Cr2 = 0x0004_0001,
    /// <summary>CR3.</summary>
    Cr3 = 0x0004_0002,
    /// <summary>CR4.</summary>
    Cr4 = 0x0004_0003,
    /// <summary>CR8.</summary>
    Cr8 = 0x0004_0004,
    /// <summary>XFEM.</summary>
    Xfem = 0x0004_0005,
    /// <summary>LDTR (segment form).</summary>
    Ldtr = 0x0006_0006,
    /// <summary>TR (segment form).</summary>
    Tr = 0x0006_0007,
    /// <summary>IDTR (table form).</summary>
    Idtr = 0x0007_0000,
    /// <summary>GDTR (table form).</summary>
    Gdtr = 0x0007_0001,
    /// <summary>EFER.</summary>
    Efer = 0x0008_0001,
    /// <summary>KERNEL_GS_BASE.</summary>
    KernelGsBase = 0x0008_0002,
    /// <summary>APIC_BASE.</summary>
    ApicBase = 0x0008_0003,
    /// <summary>PAT.</summary>
    Pat = 0x0008_0004,
    /// <summary>SYSENTER_CS.</summary>
    SysenterCs = 0x0008_0005,
    /// <summary>SYSENTER_EIP.</summary>
    SysenterEip = 0x0008_0006,
    /// <summary>SYSENTER_ESP.</summary>
    SysenterEsp = 0x0008_0007,
    /// <summary>STAR.</summary>
    Star = 0x0008_0008,
    /// <summary>LSTAR.</summary>
    Lstar = 0x0008_0009,
    /// <summary>CSTAR.</summary>
    Cstar = 0x0008_000A,
    /// <summary>SFMASK.</summary>
    Sfmask = 0x0008_000B,
    /// <summary>VpAssistPage (also MSR 0x40000073).</summary>
    VpAssistPage = 0x0009_0013,
    /// <summary>VsmCodePageOffsets: bits 0–11 VTL-call offset, 12–23 VTL-return offset.</summary>
    VsmCodePageOffsets = 0x000D_0002,
    /// <summary>VsmVpStatus.</summary>
    VsmVpStatus = 0x000D_0003,
    /// <summary>VsmPartitionStatus.</summary>
    VsmPartitionStatus = 0x000D_0004,
    /// <summary>VsmCapabilities.</summary>
    VsmCapabilities = 0x000D_0006,
    /// <summary>VsmPartitionConfig.</summary>
    VsmPartitionConfig = 0x000D_0007,
    /// <summary>VsmVpSecureConfigVtl0; VtlN = this + N.</summary>
    VsmVpSecureConfigVtl0 = 0x000D_0010,
    /// <summary>CrInterceptControl.</summary>
    CrInterceptControl = 0x000E_0000,
    /// <summary>CrInterceptCr0Mask.</summary>
    CrInterceptCr0Mask = 0x000E_0001,
    /// <summary>CrInterceptCr4Mask.</summary>
    CrInterceptCr4Mask = 0x000E_0002,
    /// <summary>CrInterceptIa32MiscEnableMask.</summary>
    CrInterceptIa32MiscEnableMask = 0x000E_0003,
}
