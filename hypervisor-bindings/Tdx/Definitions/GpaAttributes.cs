namespace Lvbs.Hypervisor.Tdx.Definitions;

/// <summary>
/// TDG.MEM.PAGE.ATTR.RD/WR operands (TDX module gpa_attr_single_vm_t, tdg_mem_page_attr_wr.c;
/// OpenVMM TdgMemPageGpaAttr; hypervisor-backends.md §1.3 P1). GPA_ATTR holds four 16-bit
/// fields: L1 bits 0–15, VM1 16–31, VM2 32–47, VM3 48–63; R8 masks use the same positions.
/// Per-VM bits follow HV_MAP_GPA order: R, W, XS (supervisor), XU (user).
/// </summary>
public static class GpaAttributes
{
    /// <summary>Bit 0 read.</summary>
    public const ushort Read = 1 << 0;
    /// <summary>Bit 1 write.</summary>
    public const ushort Write = 1 << 1;
    /// <summary>Bit 2 execute supervisor.</summary>
    public const ushort ExecuteSupervisor = 1 << 2;
    /// <summary>Bit 3 execute user.</summary>
    public const ushort ExecuteUser = 1 << 3;
    /// <summary>Bit 4 verify guest paging.</summary>
    public const ushort VerifyGuestPaging = 1 << 4;
    /// <summary>Bit 5 paging-write access.</summary>
    public const ushort PagingWriteAccess = 1 << 5;
    /// <summary>Bit 6 supervisor shadow stack.</summary>
    public const ushort SupervisorShadowStack = 1 << 6;
    /// <summary>Bit 7 suppress #VE (must be 0).</summary>
    public const ushort SuppressVe = 1 << 7;
    /// <summary>Bits 8–14 reserved.</summary>
    public const ushort Reserved = 0x7F00;
    /// <summary>Bit 15 valid (required for any nonzero attributes).</summary>
    public const ushort Valid = 1 << 15;
    /// <summary>Mask bit 15: invalidate EPT for this VM.</summary>
    public const ushort MaskInvalidateEpt = 1 << 15;
    /// <summary>RCX bits 12–51: GPA page number.</summary>
    public const ulong GpaMask = 0x000F_FFFF_FFFF_F000;

    /// <summary>The TDX module's is_gpa_attr_legal for one VM's field.</summary>
    public static bool IsLegal(ushort a)
    {
        if (a == 0)
        {
            return true;
        }

        if ((a & Valid) == 0 || (a & Reserved) != 0 || (a & SuppressVe) != 0)
        {
            return false;
        }

        bool r = (a & Read) != 0;
        return r || ((a & Write) == 0 && (a & PagingWriteAccess) == 0);
    }

    /// <summary>Shifts a per-VM value into VM <paramref name="vm"/>'s field (0 = L1, 1..3 = L2 VMs).</summary>
    public static ulong ForVm(ushort value, int vm) => (ulong)value << (16 * vm);

    /// <summary>RCX of ATTR.WR: level (0 = 4 KiB) | GPA page bits.</summary>
    public static ulong Rcx(ulong gpa, int level) => (gpa & GpaMask) | ((ulong)level & 0x7);
}
