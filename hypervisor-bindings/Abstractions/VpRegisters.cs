namespace Lvbs.Hypervisor.Abstractions;

/// <summary>Helpers over the open set of <see cref="VpRegister"/> values.</summary>
public static class VpRegisters
{
    /// <summary>Number of defined registers.</summary>
    public const int Count = (int)VpRegister.Xcr0 + 1;

    /// <summary>True for a defined register.</summary>
    public static bool IsDefined(VpRegister register) => (uint)register < (uint)Count;

    /// <summary>Architectural MSR index of an MSR-backed register, 0 if it is not one.</summary>
    public static uint MsrIndex(VpRegister register)
    {
        // Intel SDM vol. 4 / AMD APM vol. 2 MSR numbers.
        switch (register)
        {
            case VpRegister.Efer: return 0xC000_0080;
            case VpRegister.Star: return 0xC000_0081;
            case VpRegister.Lstar: return 0xC000_0082;
            case VpRegister.Cstar: return 0xC000_0083;
            case VpRegister.Sfmask: return 0xC000_0084;
            case VpRegister.KernelGsBase: return 0xC000_0102;
            case VpRegister.ApicBase: return 0x1B;
            case VpRegister.SysenterCs: return 0x174;
            case VpRegister.SysenterEsp: return 0x175;
            case VpRegister.SysenterEip: return 0x176;
            case VpRegister.Pat: return 0x277;
            default: return 0;
        }
    }

    /// <summary>The intercept bit guarding writes to an MSR-backed or descriptor register; None when there is none.</summary>
    public static InterceptSet InterceptFor(VpRegister register)
    {
        switch (register)
        {
            case VpRegister.Cr0: return InterceptSet.Cr0Write;
            case VpRegister.Cr4: return InterceptSet.Cr4Write;
            case VpRegister.Efer: return InterceptSet.EferWrite;
            case VpRegister.Star: return InterceptSet.StarWrite;
            case VpRegister.Lstar: return InterceptSet.LstarWrite;
            case VpRegister.Cstar: return InterceptSet.CstarWrite;
            case VpRegister.Sfmask: return InterceptSet.SfmaskWrite;
            case VpRegister.ApicBase: return InterceptSet.ApicBaseWrite;
            case VpRegister.SysenterCs: return InterceptSet.SysenterCsWrite;
            case VpRegister.SysenterEip: return InterceptSet.SysenterEipWrite;
            case VpRegister.SysenterEsp: return InterceptSet.SysenterEspWrite;
            case VpRegister.GdtrBase:
            case VpRegister.GdtrLimit: return InterceptSet.GdtrWrite;
            case VpRegister.IdtrBase:
            case VpRegister.IdtrLimit: return InterceptSet.IdtrWrite;
            case VpRegister.LdtrSelector: return InterceptSet.LdtrWrite;
            case VpRegister.TrSelector: return InterceptSet.TrWrite;
            case VpRegister.Xcr0: return InterceptSet.Xcr0Write;
            default: return InterceptSet.None;
        }
    }
}
