using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.SevSnp.Definitions;

namespace Lvbs.Hypervisor.SevSnp.Backend;

/// <summary>Where each <see cref="VpRegister"/> lives in a VMSA (offset and width in bytes).</summary>
public static class SnpVmsaMap
{
    /// <summary>Locates <paramref name="register"/>; false for values the VMSA map does not cover.</summary>
    public static bool TryLocate(VpRegister register, out int offset, out int width)
    {
        width = 8;
        switch (register)
        {
            case VpRegister.Rax: offset = VmsaLayout.Rax; return true;
            case VpRegister.Rcx: offset = VmsaLayout.Rcx; return true;
            case VpRegister.Rdx: offset = VmsaLayout.Rdx; return true;
            case VpRegister.Rbx: offset = VmsaLayout.Rbx; return true;
            case VpRegister.Rsp: offset = VmsaLayout.Rsp; return true;
            case VpRegister.Rbp: offset = VmsaLayout.Rbp; return true;
            case VpRegister.Rsi: offset = VmsaLayout.Rsi; return true;
            case VpRegister.Rdi: offset = VmsaLayout.Rdi; return true;
            case VpRegister.R8:
            case VpRegister.R9:
            case VpRegister.R10:
            case VpRegister.R11:
            case VpRegister.R12:
            case VpRegister.R13:
            case VpRegister.R14:
            case VpRegister.R15: offset = VmsaLayout.R8 + (((int)register - (int)VpRegister.R8) * 8); return true;
            case VpRegister.Rip: offset = VmsaLayout.Rip; return true;
            case VpRegister.Rflags: offset = VmsaLayout.Rflags; return true;
            case VpRegister.Cr0: offset = VmsaLayout.Cr0; return true;
            case VpRegister.Cr2: offset = VmsaLayout.Cr2; return true;
            case VpRegister.Cr3: offset = VmsaLayout.Cr3; return true;
            case VpRegister.Cr4: offset = VmsaLayout.Cr4; return true;
            case VpRegister.Efer: offset = VmsaLayout.Efer; return true;
            case VpRegister.Star: offset = VmsaLayout.Star; return true;
            case VpRegister.Lstar: offset = VmsaLayout.Lstar; return true;
            case VpRegister.Cstar: offset = VmsaLayout.Cstar; return true;
            case VpRegister.Sfmask: offset = VmsaLayout.Sfmask; return true;
            case VpRegister.KernelGsBase: offset = VmsaLayout.KernelGsBase; return true;
            case VpRegister.SysenterCs: offset = VmsaLayout.SysenterCs; return true;
            case VpRegister.SysenterEsp: offset = VmsaLayout.SysenterEsp; return true;
            case VpRegister.SysenterEip: offset = VmsaLayout.SysenterEip; return true;
            case VpRegister.Pat: offset = VmsaLayout.GPat; return true;
            case VpRegister.GdtrBase: offset = VmsaLayout.Gdtr + 8; return true;
            case VpRegister.IdtrBase: offset = VmsaLayout.Idtr + 8; return true;
            case VpRegister.GdtrLimit: offset = VmsaLayout.Gdtr + 4; width = 4; return true;
            case VpRegister.IdtrLimit: offset = VmsaLayout.Idtr + 4; width = 4; return true;
            case VpRegister.LdtrSelector: offset = VmsaLayout.Ldtr; width = 2; return true;
            case VpRegister.TrSelector: offset = VmsaLayout.Tr; width = 2; return true;
            default: offset = 0; width = 0; return false;
        }
    }
}
