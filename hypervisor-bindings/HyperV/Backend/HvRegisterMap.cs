using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.HyperV.Definitions;

namespace Lvbs.Hypervisor.HyperV.Backend;

/// <summary>Neutral <see cref="VpRegister"/> ↔ Hyper-V register names and intercept bits.</summary>
public static class HvRegisterMap
{
    /// <summary>The Hyper-V register holding <paramref name="register"/>; false for undefined values.</summary>
    public static bool TryToHv(VpRegister register, out HvRegisterName name)
    {
        uint gpr = (uint)register;
        if (gpr <= (uint)VpRegister.R15)
        {
            name = (HvRegisterName)((uint)HvRegisterName.Rax + gpr);
            return true;
        }

        switch (register)
        {
            case VpRegister.Rip: name = HvRegisterName.Rip; return true;
            case VpRegister.Rflags: name = HvRegisterName.Rflags; return true;
            case VpRegister.Cr0: name = HvRegisterName.Cr0; return true;
            case VpRegister.Cr2: name = HvRegisterName.Cr2; return true;
            case VpRegister.Cr3: name = HvRegisterName.Cr3; return true;
            case VpRegister.Cr4: name = HvRegisterName.Cr4; return true;
            case VpRegister.Efer: name = HvRegisterName.Efer; return true;
            case VpRegister.Star: name = HvRegisterName.Star; return true;
            case VpRegister.Lstar: name = HvRegisterName.Lstar; return true;
            case VpRegister.Cstar: name = HvRegisterName.Cstar; return true;
            case VpRegister.Sfmask: name = HvRegisterName.Sfmask; return true;
            case VpRegister.ApicBase: name = HvRegisterName.ApicBase; return true;
            case VpRegister.SysenterCs: name = HvRegisterName.SysenterCs; return true;
            case VpRegister.SysenterEip: name = HvRegisterName.SysenterEip; return true;
            case VpRegister.SysenterEsp: name = HvRegisterName.SysenterEsp; return true;
            case VpRegister.KernelGsBase: name = HvRegisterName.KernelGsBase; return true;
            case VpRegister.Pat: name = HvRegisterName.Pat; return true;
            case VpRegister.GdtrBase:
            case VpRegister.GdtrLimit: name = HvRegisterName.Gdtr; return true;
            case VpRegister.IdtrBase:
            case VpRegister.IdtrLimit: name = HvRegisterName.Idtr; return true;
            case VpRegister.LdtrSelector: name = HvRegisterName.Ldtr; return true;
            case VpRegister.TrSelector: name = HvRegisterName.Tr; return true;
            case VpRegister.Xcr0: name = HvRegisterName.Xfem; return true;
            default: name = 0; return false;
        }
    }

    /// <summary>HvRegisterCrInterceptControl bits for <paramref name="set"/>.</summary>
    public static ulong ToCrInterceptControl(InterceptSet set)
    {
        ulong v = 0;
        if ((set & InterceptSet.Cr0Write) != 0) v |= HvCrInterceptControl.Cr0Write;
        if ((set & InterceptSet.Cr4Write) != 0) v |= HvCrInterceptControl.Cr4Write;
        if ((set & InterceptSet.GdtrWrite) != 0) v |= HvCrInterceptControl.GdtrWrite;
        if ((set & InterceptSet.IdtrWrite) != 0) v |= HvCrInterceptControl.IdtrWrite;
        if ((set & InterceptSet.LdtrWrite) != 0) v |= HvCrInterceptControl.LdtrWrite;
        if ((set & InterceptSet.TrWrite) != 0) v |= HvCrInterceptControl.TrWrite;
        if ((set & InterceptSet.EferWrite) != 0) v |= HvCrInterceptControl.EferWrite;
        if ((set & InterceptSet.StarWrite) != 0) v |= HvCrInterceptControl.StarWrite;
        if ((set & InterceptSet.LstarWrite) != 0) v |= HvCrInterceptControl.LstarWrite;
        if ((set & InterceptSet.CstarWrite) != 0) v |= HvCrInterceptControl.CstarWrite;
        if ((set & InterceptSet.SfmaskWrite) != 0) v |= HvCrInterceptControl.SfmaskWrite;
        if ((set & InterceptSet.ApicBaseWrite) != 0) v |= HvCrInterceptControl.ApicBaseWrite;
        if ((set & InterceptSet.SysenterCsWrite) != 0) v |= HvCrInterceptControl.SysenterCsWrite;
        if ((set & InterceptSet.SysenterEipWrite) != 0) v |= HvCrInterceptControl.SysenterEipWrite;
        if ((set & InterceptSet.SysenterEspWrite) != 0) v |= HvCrInterceptControl.SysenterEspWrite;
        if ((set & InterceptSet.Xcr0Write) != 0) v |= HvCrInterceptControl.Xcr0Write;
        return v;
    }

    /// <summary>The neutral register for an MSR index; false for MSRs the abstraction does not name.</summary>
    public static bool TryMsrToVp(uint msr, out VpRegister register)
    {
        switch (msr)
        {
            case 0xC000_0080: register = VpRegister.Efer; return true;
            case 0xC000_0081: register = VpRegister.Star; return true;
            case 0xC000_0082: register = VpRegister.Lstar; return true;
            case 0xC000_0083: register = VpRegister.Cstar; return true;
            case 0xC000_0084: register = VpRegister.Sfmask; return true;
            case 0x1B: register = VpRegister.ApicBase; return true;
            case 0x174: register = VpRegister.SysenterCs; return true;
            case 0x175: register = VpRegister.SysenterEsp; return true;
            case 0x176: register = VpRegister.SysenterEip; return true;
            default: register = VpRegister.Rax; return false;
        }
    }

    /// <summary>Maps a hypercall status to the abstraction's status.</summary>
    public static BindingStatus ToBinding(HvStatus status)
    {
        switch (status)
        {
            case HvStatus.Success: return BindingStatus.Success;
            case HvStatus.InvalidParameter: return BindingStatus.InvalidParameter;
            case HvStatus.InvalidAlignment: return BindingStatus.Unaligned;
            case HvStatus.AccessDenied: return BindingStatus.AccessDenied;
            case HvStatus.VtlAlreadyEnabled: return BindingStatus.AccessDenied;
            default: return BindingStatus.HardwareFailure;
        }
    }
}
