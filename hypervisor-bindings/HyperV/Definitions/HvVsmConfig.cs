namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>Bits of VsmPartitionConfig, VsmVpSecureConfigVtlN and EnablePartitionVtl flags (OVMM-hvdef; lvbs-abi.md §4, §5.3).</summary>
public static class HvVsmConfig
{
    /// <summary>VsmPartitionConfig bit 0 enable_vtl_protection.</summary>
    public const ulong EnableVtlProtection = 1UL << 0;
    /// <summary>VsmPartitionConfig bits 1–4 default_vtl_protection_mask.</summary>
    public const int DefaultMaskShift = 1;
    /// <summary>VsmPartitionConfig bit 5 zero_memory_on_reset.</summary>
    public const ulong ZeroMemoryOnReset = 1UL << 5;
    /// <summary>VsmPartitionConfig bit 6 deny_lower_vtl_startup.</summary>
    public const ulong DenyLowerVtlStartup = 1UL << 6;
    /// <summary>VsmPartitionConfig bit 9 intercept_vp_startup.</summary>
    public const ulong InterceptVpStartup = 1UL << 9;
    /// <summary>VsmVpSecureConfigVtlN bit 0 mbec_enabled.</summary>
    public const ulong MbecEnabled = 1UL << 0;
    /// <summary>VsmVpSecureConfigVtlN bit 1 tlb_locked.</summary>
    public const ulong TlbLocked = 1UL << 1;
    /// <summary>EnablePartitionVtl flags bit 0 enable_mbec.</summary>
    public const byte EnableMbecFlag = 1;
}
