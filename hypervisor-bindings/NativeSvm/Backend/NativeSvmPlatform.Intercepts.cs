using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.NativeSvm.Definitions;

namespace Lvbs.Hypervisor.NativeSvm.Backend;

public sealed unsafe partial class NativeSvmPlatform
{
    /// <summary>
    /// Arms the requested intercepts: CR0/CR4 write intercepts (SVM has no guest/host masks, so
    /// the masks in the configuration are the kernel's to compare; every write exits), MSR write
    /// bits in the permission map, GDTR/IDTR/LDTR/TR write intercepts, and XSETBV. Intercepts are only
    /// ever added: a later call cannot disarm what an earlier one armed.
    /// </summary>
    public BindingStatus ArmIntercepts(uint vp, in InterceptConfiguration configuration)
    {
        if (vp != 0)
        {
            return BindingStatus.InvalidParameter;
        }
        InterceptSet set = configuration.Set;
        uint cr = _vmcb.Read32(VmcbOffsets.InterceptCr);
        if ((set & InterceptSet.Cr0Write) != 0)
        {
            cr |= 1u << (16 + 0);
        }
        if ((set & InterceptSet.Cr4Write) != 0)
        {
            cr |= 1u << (16 + 4);
        }
        _vmcb.Write32(VmcbOffsets.InterceptCr, cr);

        uint misc1 = _vmcb.Read32(VmcbOffsets.InterceptMisc1);
        if ((set & InterceptSet.GdtrWrite) != 0)
        {
            misc1 |= (uint)SvmMisc1Intercept.GdtrWrite;
        }
        if ((set & InterceptSet.IdtrWrite) != 0)
        {
            misc1 |= (uint)SvmMisc1Intercept.IdtrWrite;
        }
        if ((set & InterceptSet.LdtrWrite) != 0)
        {
            misc1 |= (uint)SvmMisc1Intercept.LdtrWrite;
        }
        if ((set & InterceptSet.TrWrite) != 0)
        {
            misc1 |= (uint)SvmMisc1Intercept.TrWrite;
        }
        _vmcb.Write32(VmcbOffsets.InterceptMisc1, misc1);

        if ((set & InterceptSet.Xcr0Write) != 0)
        {
            // XSETBV intercept (APM Vol. 2 table B-1, vector 0x010 bit 13): exit 0x8D before the write.
            _vmcb.Write32(VmcbOffsets.InterceptMisc2, _vmcb.Read32(VmcbOffsets.InterceptMisc2) | (uint)SvmMisc2Intercept.Xsetbv);
        }

        InterceptMsrWrite(set, InterceptSet.EferWrite, SvmArchitecture.MsrEfer);
        InterceptMsrWrite(set, InterceptSet.StarWrite, 0xC000_0081);
        InterceptMsrWrite(set, InterceptSet.LstarWrite, 0xC000_0082);
        InterceptMsrWrite(set, InterceptSet.CstarWrite, 0xC000_0083);
        InterceptMsrWrite(set, InterceptSet.SfmaskWrite, 0xC000_0084);
        InterceptMsrWrite(set, InterceptSet.ApicBaseWrite, 0x1B);
        InterceptMsrWrite(set, InterceptSet.SysenterCsWrite, 0x174);
        InterceptMsrWrite(set, InterceptSet.SysenterEspWrite, 0x175);
        InterceptMsrWrite(set, InterceptSet.SysenterEipWrite, 0x176);
        return BindingStatus.Success;
    }

    // MSR permission map (APM Vol. 2 §15.11): three 2 KiB blocks, two bits per MSR (read, write).
    private void InterceptMsrWrite(InterceptSet set, InterceptSet flag, uint msr)
    {
        if ((set & flag) == 0)
        {
            return;
        }
        ulong blockOffset;
        uint index;
        if (msr <= 0x1FFF)
        {
            blockOffset = 0;
            index = msr;
        }
        else if (msr >= 0xC000_0000 && msr <= 0xC000_1FFF)
        {
            blockOffset = 0x800;
            index = msr - 0xC000_0000;
        }
        else
        {
            blockOffset = 0x1000;
            index = msr - 0xC001_0000;
        }
        ulong bit = index * 2 + 1;
        byte* map = (byte*)(_msrPermissionMap + blockOffset);
        map[bit / 8] |= (byte)(1 << (int)(bit % 8));
    }
}
