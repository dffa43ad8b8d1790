namespace Lvbs.Hypervisor.SevSnp.Definitions;

/// <summary>
/// GHCB MSR protocol values (Linux arch/x86/include/asm/sev-common.h; COCONUT-SVSM
/// switch_to_vmpl; hypervisor-backends.md §1.2 P3).
/// </summary>
public static class GhcbMsrProtocol
{
    /// <summary>MSR_AMD64_SEV_ES_GHCB.</summary>
    public const uint GhcbMsr = 0xC001_0130;
    /// <summary>Run-at-VMPL request; VMPL in bits 32–39.</summary>
    public const ulong RunVmplRequest = 0x016;
    /// <summary>Run-at-VMPL response; status in bits 32–63 (0 = switched).</summary>
    public const ulong RunVmplResponse = 0x017;
    /// <summary>Mask of the 12-bit info field of an MSR-protocol value.</summary>
    public const ulong InfoMask = 0xFFF;

    /// <summary>The request value for switching to <paramref name="vmpl"/>.</summary>
    public static ulong RunVmpl(byte vmpl) => RunVmplRequest | ((ulong)vmpl << 32);
}
