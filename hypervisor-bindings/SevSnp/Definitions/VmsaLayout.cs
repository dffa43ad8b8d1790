namespace Lvbs.Hypervisor.SevSnp.Definitions;

/// <summary>
/// Offsets in the SEV-SNP VMSA page (OpenVMM x86defs snp.rs SevVmsa as restated in
/// hypervisor-backends.md §1.2 P6; GPRs, exit and injection fields from Linux
/// arch/x86/include/asm/svm.h struct sev_es_save_area).
/// </summary>
public static class VmsaLayout
{
    /// <summary>ES; CS, SS, DS, FS, GS, GDTR, LDTR, IDTR, TR follow every 16 bytes.</summary>
    public const int Es = 0x000;
    /// <summary>CS.</summary>
    public const int Cs = 0x010;
    /// <summary>SS.</summary>
    public const int Ss = 0x020;
    /// <summary>DS.</summary>
    public const int Ds = 0x030;
    /// <summary>FS.</summary>
    public const int Fs = 0x040;
    /// <summary>GS.</summary>
    public const int Gs = 0x050;
    /// <summary>GDTR.</summary>
    public const int Gdtr = 0x060;
    /// <summary>LDTR.</summary>
    public const int Ldtr = 0x070;
    /// <summary>IDTR.</summary>
    public const int Idtr = 0x080;
    /// <summary>TR.</summary>
    public const int Tr = 0x090;
    /// <summary>VMPL u8.</summary>
    public const int Vmpl = 0x0CA;
    /// <summary>CPL u8.</summary>
    public const int Cpl = 0x0CB;
    /// <summary>EFER.</summary>
    public const int Efer = 0x0D0;
    /// <summary>CR4.</summary>
    public const int Cr4 = 0x148;
    /// <summary>CR3.</summary>
    public const int Cr3 = 0x150;
    /// <summary>CR0.</summary>
    public const int Cr0 = 0x158;
    /// <summary>RFLAGS.</summary>
    public const int Rflags = 0x170;
    /// <summary>RIP.</summary>
    public const int Rip = 0x178;
    /// <summary>RSP.</summary>
    public const int Rsp = 0x1D8;
    /// <summary>RAX.</summary>
    public const int Rax = 0x1F8;
    /// <summary>STAR.</summary>
    public const int Star = 0x200;
    /// <summary>LSTAR.</summary>
    public const int Lstar = 0x208;
    /// <summary>CSTAR.</summary>
    public const int Cstar = 0x210;
    /// <summary>SFMASK.</summary>
    public const int Sfmask = 0x218;
    /// <summary>KERNEL_GS_BASE.</summary>
    public const int KernelGsBase = 0x220;
    /// <summary>SYSENTER_CS.</summary>
    public const int SysenterCs = 0x228;
    /// <summary>SYSENTER_ESP.</summary>
    public const int SysenterEsp = 0x230;
    /// <summary>SYSENTER_EIP.</summary>
    public const int SysenterEip = 0x238;
    /// <summary>CR2.</summary>
    public const int Cr2 = 0x240;
    /// <summary>G_PAT.</summary>
    public const int GPat = 0x268;
    /// <summary>RCX.</summary>
    public const int Rcx = 0x308;
    /// <summary>RDX.</summary>
    public const int Rdx = 0x310;
    /// <summary>RBX.</summary>
    public const int Rbx = 0x318;
    /// <summary>RBP.</summary>
    public const int Rbp = 0x328;
    /// <summary>RSI.</summary>
    public const int Rsi = 0x330;
    /// <summary>RDI.</summary>
    public const int Rdi = 0x338;
    /// <summary>R8; R9..R15 follow every 8 bytes.</summary>
    public const int R8 = 0x340;
    /// <summary>guest_exit_info_1.</summary>
    public const int GuestExitInfo1 = 0x390;
    /// <summary>guest_exit_info_2.</summary>
    public const int GuestExitInfo2 = 0x398;
    /// <summary>sev_features.</summary>
    public const int SevFeatures = 0x3B0;
    /// <summary>guest_exit_code.</summary>
    public const int GuestExitCode = 0x3C0;
    /// <summary>event_inj.</summary>
    public const int EventInject = 0x3E0;
    /// <summary>XCR0.</summary>
    public const int Xcr0 = 0x3E8;
    /// <summary>EFER.SVME: set = VMSA runnable (COCONUT enter_guest).</summary>
    public const ulong EferSvme = 1UL << 12;
}
