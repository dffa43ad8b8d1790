namespace Lvbs.Hypervisor.SevSnp.Definitions;

/// <summary>SEV_FEATURES bits in the VMSA (OpenVMM x86defs SevFeatures; hypervisor-backends.md §1.2 P2).</summary>
public static class SevFeatures
{
    /// <summary>MSR_AMD64_SEV (SEV_STATUS); VMSA sev_features = SEV_STATUS &gt;&gt; 2 (Linux arch/x86/kernel/sev.c).</summary>
    public const uint StatusMsr = 0xC001_0131;
    /// <summary>Bit 0 SNP active.</summary>
    public const ulong Snp = 1UL << 0;
    /// <summary>Bit 1 vTOM.</summary>
    public const ulong VirtualTom = 1UL << 1;
    /// <summary>Bit 2 ReflectVC.</summary>
    public const ulong ReflectVc = 1UL << 2;
    /// <summary>Bit 3 RestrictedInjection.</summary>
    public const ulong RestrictedInjection = 1UL << 3;
    /// <summary>Bit 4 AlternateInjection (needed to inject through event_inj).</summary>
    public const ulong AlternateInjection = 1UL << 4;
    /// <summary>Bit 13 GuestInterceptControl.</summary>
    public const ulong GuestInterceptControl = 1UL << 13;
    /// <summary>Bit 16 Secure AVIC.</summary>
    public const ulong SecureAvic = 1UL << 16;
}
