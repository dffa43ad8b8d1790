namespace Lvbs.Hypervisor.SevSnp.Definitions;

/// <summary>GHCB software exit codes (Linux arch/x86/include/uapi/asm/svm.h; COCONUT-SVSM GHCBExitCode; hypervisor-backends.md §1.2).</summary>
public static class GhcbExitCode
{
    /// <summary>SVM_VMGEXIT_AP_CREATION.</summary>
    public const ulong ApCreation = 0x8000_0013;
    /// <summary>SVM_VMGEXIT_HVDB_PAGE.</summary>
    public const ulong HvDoorbellPage = 0x8000_0014;
    /// <summary>HV_IPI.</summary>
    public const ulong HvIpi = 0x8000_0015;
    /// <summary>SVM_VMGEXIT_SNP_RUN_VMPL.</summary>
    public const ulong SnpRunVmpl = 0x8000_0018;
    /// <summary>CONFIGURE_INT_INJ.</summary>
    public const ulong ConfigureInterruptInjection = 0x8000_001B;
    /// <summary>DISABLE_ALT_INJ.</summary>
    public const ulong DisableAlternateInjection = 0x8000_001C;
    /// <summary>SPECIFIC_EOI.</summary>
    public const ulong SpecificEoi = 0x8000_001D;
    /// <summary>SVM_EXIT_VMGEXIT: the hardware exit code a lower VMSA shows after it executed VMGEXIT (Linux uapi/asm/svm.h).</summary>
    public const ulong VmgexitExit = 0x403;
}
