namespace Lvbs.Hypervisor.Tdx.Definitions;

/// <summary>
/// VMCS field encodings used on the L2 VMCS (OpenVMM x86defs vmx.rs as restated in
/// hypervisor-backends.md §1.3; guest-state and exit-information fields from Intel SDM vol. 3
/// appendix B).
/// </summary>
public static class VmcsField
{
    /// <summary>CR0 guest/host mask (natural width).</summary>
    public const uint Cr0GuestHostMask = 0x6000;
    /// <summary>CR4 guest/host mask.</summary>
    public const uint Cr4GuestHostMask = 0x6002;
    /// <summary>CR0 read shadow.</summary>
    public const uint Cr0ReadShadow = 0x6004;
    /// <summary>CR4 read shadow.</summary>
    public const uint Cr4ReadShadow = 0x6006;
    /// <summary>Exception bitmap (32-bit).</summary>
    public const uint ExceptionBitmap = 0x4004;
    /// <summary>VM-entry interruption information (32-bit).</summary>
    public const uint EntryInterruptInfo = 0x4016;
    /// <summary>VM-entry exception error code (32-bit).</summary>
    public const uint EntryExceptionErrorCode = 0x4018;
    /// <summary>Secondary processor-based controls (32-bit).</summary>
    public const uint SecondaryProcessorControls = 0x401E;
    /// <summary>Secondary controls bit 2: descriptor-table exiting.</summary>
    public const uint DescriptorTableExiting = 1u << 2;
    /// <summary>Secondary controls bit 22: mode-based execute control.</summary>
    public const uint ModeBasedExecuteControl = 1u << 22;
    /// <summary>Guest-physical address (64-bit).</summary>
    public const uint GuestPhysicalAddress = 0x2400;
    /// <summary>Exit qualification (natural width).</summary>
    public const uint ExitQualification = 0x6400;
    /// <summary>Guest CR0.</summary>
    public const uint GuestCr0 = 0x6800;
    /// <summary>Guest CR3.</summary>
    public const uint GuestCr3 = 0x6802;
    /// <summary>Guest CR4.</summary>
    public const uint GuestCr4 = 0x6804;
    /// <summary>Guest GDTR base.</summary>
    public const uint GuestGdtrBase = 0x6816;
    /// <summary>Guest IDTR base.</summary>
    public const uint GuestIdtrBase = 0x6818;
    /// <summary>Guest GDTR limit (32-bit).</summary>
    public const uint GuestGdtrLimit = 0x4810;
    /// <summary>Guest IDTR limit (32-bit).</summary>
    public const uint GuestIdtrLimit = 0x4812;
    /// <summary>Guest LDTR selector (16-bit).</summary>
    public const uint GuestLdtrSelector = 0x080C;
    /// <summary>Guest TR selector (16-bit).</summary>
    public const uint GuestTrSelector = 0x080E;
    /// <summary>Guest IA32_EFER (64-bit).</summary>
    public const uint GuestEfer = 0x2806;
    /// <summary>Guest IA32_PAT (64-bit).</summary>
    public const uint GuestPat = 0x2804;
    /// <summary>Guest SYSENTER_CS (32-bit).</summary>
    public const uint GuestSysenterCs = 0x482A;
    /// <summary>Guest SYSENTER_ESP.</summary>
    public const uint GuestSysenterEsp = 0x6824;
    /// <summary>Guest SYSENTER_EIP.</summary>
    public const uint GuestSysenterEip = 0x6826;
}
