namespace Lvbs.Kernel.Heki;

/// <summary>
/// How a <see cref="VsmDispatcher"/> is sized, set by the boot code (not VTL0 input). Every
/// buffer the VTL-call path needs is allocated from these numbers when the dispatcher is built.
/// </summary>
public sealed class VsmDispatcherOptions
{
    /// <summary>First byte of the secure kernel's own physical memory.</summary>
    public ulong Vtl1Start { get; set; }

    /// <summary>End (exclusive) of the secure kernel's own physical memory.</summary>
    public ulong Vtl1End { get; set; }

    /// <summary>
    /// End (exclusive) of lower-VTL physical RAM: no range may reach past it. Also sizes the
    /// page seal table (3 bytes per 4 KiB page).
    /// </summary>
    public ulong LowerVtlRamEnd { get; set; }

    /// <summary>VPs that may call (LOCK_REGS keeps per-VP pins).</summary>
    public int VpCount { get; set; } = 1;

    /// <summary>
    /// Most pages one heki page chain may have (127 ranges each). 256 pages carry 32,512
    /// ranges in a 1,016 KiB range buffer. The largest chain is KEXEC_VALIDATE's: one range per
    /// 4 KiB page of the kernel file and of every page kexec allocated, about 16,650 ranges for
    /// the 14 MiB Debian 6.1 vmlinuz alone (an initramfs adds its pages), so 128 pages were too few.
    /// </summary>
    public int MaxChainPages { get; set; } = 256;

    /// <summary>Refused intercepts kept in the <see cref="RefusalLog"/>.</summary>
    public int RefusalLogCapacity { get; set; } = 64;

    /// <summary>Most modules VALIDATE_MODULE keeps admitted at once.</summary>
    public int MaxModules { get; set; } = 512;

    /// <summary>Signature and content checks of VALIDATE_MODULE; null refuses every module with ENOPKG.</summary>
    public Lvbs.Kernel.Heki.Modules.IModuleAdmission? ModuleAdmission { get; set; }

    /// <summary>Signature check of KEXEC_VALIDATE's kernel file; null verifies its Authenticode signature against the trusted keyring (AuthenticodeKexecVerifier).</summary>
    public Lvbs.Kernel.Heki.Kexec.IKexecImageVerifier? KexecVerifier { get; set; }

    /// <summary>Most trusted keys (system and secondary) the keyring built by LOAD_KDATA holds.</summary>
    public int MaxTrustedKeys { get; set; } = 64;

    /// <summary>Context ENABLE_APS_VTL/BOOT_APS start APs with; Rip 0 = no AP entry (those calls answer ENOTSUP).</summary>
    public Lvbs.Hypervisor.Abstractions.InitialVpContext ApContext { get; set; }

    /// <summary>Where OPTEE_MESSAGE (0x1FFF0) goes; null until the TEE exists (the call then answers -ENOTSUP).</summary>
    public IVsmCallHandler? OpteeHandler { get; set; }
}
