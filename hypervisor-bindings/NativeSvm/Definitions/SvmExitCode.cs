namespace Lvbs.Hypervisor.NativeSvm.Definitions;

/// <summary>
/// #VMEXIT codes (AMD64 APM Vol. 2, Appendix C, "SVM Intercept Exit Codes"). The guest can
/// provoke any of them: handlers treat the set as open and stop the guest on unknown codes.
/// </summary>
public enum SvmExitCode : ulong
{
    WriteCr0 = 0x10,
    WriteCr3 = 0x13,
    WriteCr4 = 0x14,
    ExceptionBase = 0x40,
    Intr = 0x60,
    Nmi = 0x61,
    Init = 0x63,
    Cr0SelectiveWrite = 0x65,
    IdtrWrite = 0x6A,
    GdtrWrite = 0x6B,
    LdtrWrite = 0x6C,
    TrWrite = 0x6D,
    Cpuid = 0x72,
    Hlt = 0x78,
    IoIo = 0x7B,
    Msr = 0x7C,
    Shutdown = 0x7F,
    Vmrun = 0x80,
    Vmmcall = 0x81,
    Vmload = 0x82,
    Vmsave = 0x83,
    Stgi = 0x84,
    Clgi = 0x85,
    Skinit = 0x86,
    Xsetbv = 0x8D,
    NestedPageFault = 0x400,
    Invalid = 0xFFFF_FFFF_FFFF_FFFF,
}
