namespace Lvbs.Hypervisor.SevSnp.Definitions;

/// <summary>
/// RMPADJUST operands (AMD APM vol. 3; COCONUT-SVSM kernel/src/sev/utils.rs rmp_adjust and
/// RMPFlags; OpenVMM x86defs snp.rs SevRmpAdjust; hypervisor-backends.md §1.2 P1):
/// RAX = VA of the page, RCX = page size (0 = 4 KiB, 1 = 2 MiB), RDX = attributes.
/// Note the execute bits are user first (bit 10) then supervisor (bit 11), the opposite order
/// of HV_MAP_GPA's KX (0x4) / UX (0x8): the backend maps them explicitly.
/// </summary>
public static class RmpAdjust
{
    /// <summary>RDX bits 0–7: target VMPL.</summary>
    public const ulong TargetVmplMask = 0xFF;
    /// <summary>RDX bit 8: read.</summary>
    public const ulong Read = 1UL << 8;
    /// <summary>RDX bit 9: write.</summary>
    public const ulong Write = 1UL << 9;
    /// <summary>RDX bit 10: execute at CPL 3.</summary>
    public const ulong ExecuteUser = 1UL << 10;
    /// <summary>RDX bit 11: execute at CPL 0.</summary>
    public const ulong ExecuteSupervisor = 1UL << 11;
    /// <summary>RDX bit 16: the page is a VMSA (VMPL0 only).</summary>
    public const ulong Vmsa = 1UL << 16;
    /// <summary>RCX: 4 KiB page.</summary>
    public const ulong PageSize4K = 0;
    /// <summary>RCX: 2 MiB page.</summary>
    public const ulong PageSize2M = 1;
}
