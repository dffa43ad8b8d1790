namespace Lvbs.Hypervisor.Tdx.Definitions;

/// <summary>
/// TDG.VP.ENTER operands (TDX module tdg_vp_enter; OpenVMM TdxVmFlags, TdxInstructionInfo):
/// RCX = VM index in bits 52–53 (1..num_l2_vms) | flags bits 0–1 (invd_translations),
/// RDX = GPA of the guest-state list. Returns RAX = TDX status (32–63) | VMX exit reason
/// (0–31); R11 = instruction info (bits 0–31) | instruction length (32–63).
/// </summary>
public static class VpEnter
{
    /// <summary>Flags: no invalidation.</summary>
    public const ulong NoInvalidation = 0;
    /// <summary>Flags: INVEPT.</summary>
    public const ulong InvalidateEpt = 1;
    /// <summary>Maximum L2 VMs (TDX module MAX_L2_VMS).</summary>
    public const int MaxL2Vms = 3;

    /// <summary>RCX for entering VM <paramref name="vm"/>.</summary>
    public static ulong Rcx(int vm, ulong flags) => (((ulong)vm & 0x3) << 52) | (flags & 0x3);
}
