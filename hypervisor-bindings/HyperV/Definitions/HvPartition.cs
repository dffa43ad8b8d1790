namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>Well-known ids (OVMM-hvdef; hypervisor-backends.md §1.1).</summary>
public static class HvPartition
{
    /// <summary>HV_PARTITION_ID_SELF.</summary>
    public const ulong Self = ulong.MaxValue;
    /// <summary>HV_VP_INDEX_SELF.</summary>
    public const uint VpIndexSelf = 0xFFFF_FFFE;
    /// <summary>Maximum reps of one ModifyVtlProtectionMask call: (4096 − 16) / 8 (OVMM-hcl modify_vtl_protection_mask).</summary>
    public const int MaxProtectionPagesPerCall = 510;
    /// <summary>Maximum registers of one SetVpRegisters call in a 4 KiB page: (4096 − 16) / 32.</summary>
    public const int MaxSetRegistersPerCall = 127;
}
