namespace Lvbs.Hypervisor.Tdx.Definitions;

/// <summary>
/// TDG.VP.RD/WR extended field codes (OpenVMM TdxExtendedFieldCode, TdVpsClassCode;
/// hypervisor-backends.md §1.3 P2): bits 0–23 field, 32–33 size (1 = 16, 2 = 32, 3 = 64 bit),
/// 52–54 context (2 = TD_VCPU), 56–61 class.
/// </summary>
public static class TdxFieldCode
{
    /// <summary>Size code 16-bit.</summary>
    public const ulong Size16 = 1;
    /// <summary>Size code 32-bit.</summary>
    public const ulong Size32 = 2;
    /// <summary>Size code 64-bit.</summary>
    public const ulong Size64 = 3;
    /// <summary>Context TD_VCPU.</summary>
    public const ulong ContextTdVcpu = 2;
    /// <summary>Class VMCS_1 (L2 VM 1); VMCS_2 = 44, VMCS_3 = 52.</summary>
    public const ulong ClassVmcs1 = 36;
    /// <summary>Class MSR_BITMAPS_1; MSR_BITMAPS_2 = 45.</summary>
    public const ulong ClassMsrBitmaps1 = 37;
    /// <summary>TDX_FIELD_CODE_L2_CTLS_VM1 (VM2 = …52).</summary>
    public const ulong L2CtlsVm1 = 0xA020_0003_0000_0051;

    /// <summary>Field code of VMCS field <paramref name="encoding"/> of L2 VM <paramref name="vm"/> (1..3).</summary>
    public static ulong Vmcs(int vm, uint encoding, ulong size)
    {
        ulong cls = ClassVmcs1 + (8UL * (ulong)(vm - 1));
        return Encode(cls, encoding, size);
    }

    /// <summary>Field code of qword <paramref name="qwordIndex"/> of VM <paramref name="vm"/>'s MSR bitmap page [inference: one 64-bit element per qword].</summary>
    public static ulong MsrBitmap(int vm, uint qwordIndex)
    {
        ulong cls = ClassMsrBitmaps1 + (8UL * (ulong)(vm - 1));
        return Encode(cls, qwordIndex, Size64);
    }

    private static ulong Encode(ulong cls, uint field, ulong size)
    {
        return (field & 0xFF_FFFFUL) | ((size & 0x3) << 32) | (ContextTdVcpu << 52) | ((cls & 0x3F) << 56);
    }
}
