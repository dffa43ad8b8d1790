namespace Lvbs.Hypervisor.NativeSvm.Definitions;

/// <summary>Bits of the VMCB intercept vector at 0x00C (AMD64 APM Vol. 2, table B-1).</summary>
[System.Flags]
public enum SvmMisc1Intercept : uint
{
    Intr = 1u << 0,
    Nmi = 1u << 1,
    Smi = 1u << 2,
    Init = 1u << 3,
    Cr0SelectiveWrite = 1u << 5,
    IdtrWrite = 1u << 10,
    GdtrWrite = 1u << 11,
    LdtrWrite = 1u << 12,
    TrWrite = 1u << 13,
    Cpuid = 1u << 18,
    Hlt = 1u << 24,
    IoioProt = 1u << 27,
    MsrProt = 1u << 28,
    Shutdown = 1u << 31,
}

/// <summary>Bits of the VMCB intercept vector at 0x010 (AMD64 APM Vol. 2, table B-1).</summary>
[System.Flags]
public enum SvmMisc2Intercept : uint
{
    Vmrun = 1u << 0,
    Vmmcall = 1u << 1,
    Vmload = 1u << 2,
    Vmsave = 1u << 3,
    Stgi = 1u << 4,
    Clgi = 1u << 5,
    Skinit = 1u << 6,
    Rdtscp = 1u << 7,
    Icebp = 1u << 8,
    Wbinvd = 1u << 9,
    Monitor = 1u << 10,
    Mwait = 1u << 11,
    Xsetbv = 1u << 13,
    /// <summary>Every SVM instruction: a guest must not run its own hypervisor.</summary>
    AllSvmInstructions = Vmrun | Vmmcall | Vmload | Vmsave | Stgi | Clgi | Skinit,
}
