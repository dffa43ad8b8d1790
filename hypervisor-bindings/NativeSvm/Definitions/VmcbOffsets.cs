namespace Lvbs.Hypervisor.NativeSvm.Definitions;

/// <summary>
/// Byte offsets into the 4 KiB VMCB: control area then state-save area (AMD64 APM Vol. 2,
/// Appendix B, "Layout of VMCB", tables B-1 and B-2).
/// </summary>
public static class VmcbOffsets
{
    // Control area.
    public const int InterceptCr = 0x000;          // bits 0-15 reads, 16-31 writes
    public const int InterceptDr = 0x004;
    public const int InterceptExceptions = 0x008;
    public const int InterceptMisc1 = 0x00C;       // SvmMisc1Intercept bits
    public const int InterceptMisc2 = 0x010;       // SvmMisc2Intercept bits
    public const int IopmBasePa = 0x040;
    public const int MsrpmBasePa = 0x048;
    public const int TscOffset = 0x050;
    public const int GuestAsid = 0x058;
    public const int TlbControl = 0x05C;
    public const int VIntr = 0x060;
    public const int InterruptShadow = 0x068;
    public const int ExitCode = 0x070;
    public const int ExitInfo1 = 0x078;
    public const int ExitInfo2 = 0x080;
    public const int ExitIntInfo = 0x088;
    public const int NestedControl = 0x090;        // bit 0 NP_ENABLE
    public const int EventInjection = 0x0A8;
    public const int NestedCr3 = 0x0B0;
    public const int VmcbClean = 0x0C0;
    public const int NextRip = 0x0C8;
    public const int GuestInstructionBytesCount = 0x0D0;
    public const int GuestInstructionBytes = 0x0D1;

    // State-save area (segments are { u16 selector, u16 attrib, u32 limit, u64 base }).
    public const int Es = 0x400;
    public const int Cs = 0x410;
    public const int Ss = 0x420;
    public const int Ds = 0x430;
    public const int Fs = 0x440;
    public const int Gs = 0x450;
    public const int Gdtr = 0x460;
    public const int Ldtr = 0x470;
    public const int Idtr = 0x480;
    public const int Tr = 0x490;
    public const int Cpl = 0x4CB;
    public const int Efer = 0x4D0;
    public const int Cr4 = 0x548;
    public const int Cr3 = 0x550;
    public const int Cr0 = 0x558;
    public const int Dr7 = 0x560;
    public const int Dr6 = 0x568;
    public const int Rflags = 0x570;
    public const int Rip = 0x578;
    public const int Rsp = 0x5D8;
    public const int Rax = 0x5F8;
    public const int Star = 0x600;
    public const int Lstar = 0x608;
    public const int Cstar = 0x610;
    public const int Sfmask = 0x618;
    public const int KernelGsBase = 0x620;
    public const int SysenterCs = 0x628;
    public const int SysenterEsp = 0x630;
    public const int SysenterEip = 0x638;
    public const int Cr2 = 0x640;
    public const int GuestPat = 0x668;

    public const int SegmentSelector = 0;
    public const int SegmentAttributes = 2;
    public const int SegmentLimit = 4;
    public const int SegmentBase = 8;
}
