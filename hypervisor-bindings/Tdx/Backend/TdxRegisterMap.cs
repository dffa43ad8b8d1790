using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Tdx.Definitions;

namespace Lvbs.Hypervisor.Tdx.Backend;

/// <summary>Where an L2 register lives: the guest-state list (GPRs, RIP, RFLAGS) or a VMCS field.</summary>
public static class TdxRegisterMap
{
    /// <summary>Offset in <see cref="L2EnterGuestState"/>; false if the register is not there.</summary>
    public static bool TryGuestState(VpRegister register, out int offset)
    {
        if ((uint)register <= (uint)VpRegister.R15)
        {
            offset = (int)register * 8;
            return true;
        }

        switch (register)
        {
            case VpRegister.Rip: offset = L2EnterGuestState.RipOffset; return true;
            case VpRegister.Rflags: offset = L2EnterGuestState.RflagsOffset; return true;
            default: offset = 0; return false;
        }
    }

    /// <summary>VMCS encoding and TDX size code; false for registers not in the VMCS (syscall MSRs, CR2).</summary>
    public static bool TryVmcs(VpRegister register, out uint encoding, out ulong size)
    {
        size = TdxFieldCode.Size64;
        switch (register)
        {
            case VpRegister.Cr0: encoding = VmcsField.GuestCr0; return true;
            case VpRegister.Cr3: encoding = VmcsField.GuestCr3; return true;
            case VpRegister.Cr4: encoding = VmcsField.GuestCr4; return true;
            case VpRegister.Efer: encoding = VmcsField.GuestEfer; return true;
            case VpRegister.Pat: encoding = VmcsField.GuestPat; return true;
            case VpRegister.GdtrBase: encoding = VmcsField.GuestGdtrBase; return true;
            case VpRegister.IdtrBase: encoding = VmcsField.GuestIdtrBase; return true;
            case VpRegister.SysenterEsp: encoding = VmcsField.GuestSysenterEsp; return true;
            case VpRegister.SysenterEip: encoding = VmcsField.GuestSysenterEip; return true;
            case VpRegister.GdtrLimit: encoding = VmcsField.GuestGdtrLimit; size = TdxFieldCode.Size32; return true;
            case VpRegister.IdtrLimit: encoding = VmcsField.GuestIdtrLimit; size = TdxFieldCode.Size32; return true;
            case VpRegister.SysenterCs: encoding = VmcsField.GuestSysenterCs; size = TdxFieldCode.Size32; return true;
            case VpRegister.LdtrSelector: encoding = VmcsField.GuestLdtrSelector; size = TdxFieldCode.Size16; return true;
            case VpRegister.TrSelector: encoding = VmcsField.GuestTrSelector; size = TdxFieldCode.Size16; return true;
            default: encoding = 0; return false;
        }
    }

    /// <summary>Maps a TDCALL status (RAX bits 32–63).</summary>
    public static BindingStatus ToBinding(ulong rax)
    {
        switch ((TdxStatus)(uint)(rax >> 32))
        {
            case TdxStatus.Success: return BindingStatus.Success;
            case TdxStatus.OperandInvalid: return BindingStatus.InvalidParameter;
            case TdxStatus.PageAttrInvalid: return BindingStatus.InvalidPermissions;
            default: return BindingStatus.HardwareFailure;
        }
    }
}
