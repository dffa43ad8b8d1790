namespace Lvbs.Hypervisor.SevSnp.Definitions;

/// <summary>
/// Offsets in the 4 KiB GHCB page (Linux arch/x86/include/asm/svm.h struct ghcb /
/// ghcb_save_area; GHCB specification). A field counts only if its bit (offset / 8) is set
/// in the valid bitmap.
/// </summary>
public static class GhcbLayout
{
    /// <summary>RAX.</summary>
    public const int Rax = 0x1F8;
    /// <summary>RCX.</summary>
    public const int Rcx = 0x308;
    /// <summary>RDX.</summary>
    public const int Rdx = 0x310;
    /// <summary>RBX.</summary>
    public const int Rbx = 0x318;
    /// <summary>sw_exit_code.</summary>
    public const int SwExitCode = 0x390;
    /// <summary>sw_exit_info_1.</summary>
    public const int SwExitInfo1 = 0x398;
    /// <summary>sw_exit_info_2.</summary>
    public const int SwExitInfo2 = 0x3A0;
    /// <summary>sw_scratch.</summary>
    public const int SwScratch = 0x3A8;
    /// <summary>16-byte valid bitmap.</summary>
    public const int ValidBitmap = 0x3F0;
    /// <summary>protocol_version u16.</summary>
    public const int ProtocolVersion = 0xFFA;
    /// <summary>ghcb_usage u32.</summary>
    public const int Usage = 0xFFC;
    /// <summary>GHCB protocol version this backend speaks (2 adds SNP).</summary>
    public const ushort Version = 2;
}
