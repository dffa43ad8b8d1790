using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.NativeSvm.Definitions;

namespace Lvbs.Hypervisor.NativeSvm.Backend;

public sealed unsafe partial class NativeSvmPlatform
{
    public BindingStatus ReadRegister(uint vp, VpRegister register, out ulong value)
    {
        value = 0;
        if (vp != 0)
        {
            return BindingStatus.InvalidParameter;
        }
        switch (register)
        {
            case VpRegister.Rax: value = _vmcb.Read64(VmcbOffsets.Rax); break;
            case VpRegister.Rcx: value = _context->Rcx; break;
            case VpRegister.Rdx: value = _context->Rdx; break;
            case VpRegister.Rbx: value = _context->Rbx; break;
            case VpRegister.Rsp: value = _vmcb.Read64(VmcbOffsets.Rsp); break;
            case VpRegister.Rbp: value = _context->Rbp; break;
            case VpRegister.Rsi: value = _context->Rsi; break;
            case VpRegister.Rdi: value = _context->Rdi; break;
            case VpRegister.R8: value = _context->R8; break;
            case VpRegister.R9: value = _context->R9; break;
            case VpRegister.R10: value = _context->R10; break;
            case VpRegister.R11: value = _context->R11; break;
            case VpRegister.R12: value = _context->R12; break;
            case VpRegister.R13: value = _context->R13; break;
            case VpRegister.R14: value = _context->R14; break;
            case VpRegister.R15: value = _context->R15; break;
            case VpRegister.Rip: value = _vmcb.Rip; break;
            case VpRegister.Rflags: value = _vmcb.Read64(VmcbOffsets.Rflags); break;
            case VpRegister.Cr0: value = _vmcb.Read64(VmcbOffsets.Cr0); break;
            case VpRegister.Cr2: value = _vmcb.Read64(VmcbOffsets.Cr2); break;
            case VpRegister.Cr3: value = _vmcb.Read64(VmcbOffsets.Cr3); break;
            case VpRegister.Cr4: value = _vmcb.Read64(VmcbOffsets.Cr4); break;
            // The guest sees EFER without SVME, which the backend forces on for VMRUN's checks.
            case VpRegister.Efer: value = _vmcb.Read64(VmcbOffsets.Efer) & ~SvmArchitecture.EferSvme; break;
            case VpRegister.Star: value = _vmcb.Read64(VmcbOffsets.Star); break;
            case VpRegister.Lstar: value = _vmcb.Read64(VmcbOffsets.Lstar); break;
            case VpRegister.Cstar: value = _vmcb.Read64(VmcbOffsets.Cstar); break;
            case VpRegister.Sfmask: value = _vmcb.Read64(VmcbOffsets.Sfmask); break;
            case VpRegister.SysenterCs: value = _vmcb.Read64(VmcbOffsets.SysenterCs); break;
            case VpRegister.SysenterEip: value = _vmcb.Read64(VmcbOffsets.SysenterEip); break;
            case VpRegister.SysenterEsp: value = _vmcb.Read64(VmcbOffsets.SysenterEsp); break;
            case VpRegister.KernelGsBase: value = _vmcb.Read64(VmcbOffsets.KernelGsBase); break;
            case VpRegister.Pat: value = _vmcb.Read64(VmcbOffsets.GuestPat); break;
            // The local APIC is not virtualised: the guest sees the CPU's own APIC_BASE.
            case VpRegister.ApicBase: value = _port.ReadMsr(0x1B); break;
            case VpRegister.GdtrBase: value = _vmcb.Read64(VmcbOffsets.Gdtr + VmcbOffsets.SegmentBase); break;
            case VpRegister.GdtrLimit: value = _vmcb.Read32(VmcbOffsets.Gdtr + VmcbOffsets.SegmentLimit); break;
            case VpRegister.IdtrBase: value = _vmcb.Read64(VmcbOffsets.Idtr + VmcbOffsets.SegmentBase); break;
            case VpRegister.IdtrLimit: value = _vmcb.Read32(VmcbOffsets.Idtr + VmcbOffsets.SegmentLimit); break;
            case VpRegister.LdtrSelector: value = _vmcb.Read16(VmcbOffsets.Ldtr); break;
            case VpRegister.TrSelector: value = _vmcb.Read16(VmcbOffsets.Tr); break;
            // VMRUN does not switch XCR0 (it is not in the VMCB): the guest's XCR0 is the live one.
            case VpRegister.Xcr0: value = _port.ReadXcr0(); break;
            default: return BindingStatus.InvalidParameter;
        }
        return BindingStatus.Success;
    }

    public BindingStatus WriteRegister(uint vp, VpRegister register, ulong value)
    {
        if (vp != 0)
        {
            return BindingStatus.InvalidParameter;
        }
        switch (register)
        {
            case VpRegister.Rax: _vmcb.Write64(VmcbOffsets.Rax, value); break;
            case VpRegister.Rcx: _context->Rcx = value; break;
            case VpRegister.Rdx: _context->Rdx = value; break;
            case VpRegister.Rbx: _context->Rbx = value; break;
            case VpRegister.Rsp: _vmcb.Write64(VmcbOffsets.Rsp, value); break;
            case VpRegister.Rbp: _context->Rbp = value; break;
            case VpRegister.Rsi: _context->Rsi = value; break;
            case VpRegister.Rdi: _context->Rdi = value; break;
            case VpRegister.R8: _context->R8 = value; break;
            case VpRegister.R9: _context->R9 = value; break;
            case VpRegister.R10: _context->R10 = value; break;
            case VpRegister.R11: _context->R11 = value; break;
            case VpRegister.R12: _context->R12 = value; break;
            case VpRegister.R13: _context->R13 = value; break;
            case VpRegister.R14: _context->R14 = value; break;
            case VpRegister.R15: _context->R15 = value; break;
            case VpRegister.Rip: _vmcb.Rip = value; break;
            case VpRegister.Rflags: _vmcb.Write64(VmcbOffsets.Rflags, value | 2); break;
            case VpRegister.Cr0: _vmcb.Write64(VmcbOffsets.Cr0, value); break;
            case VpRegister.Cr3: _vmcb.Write64(VmcbOffsets.Cr3, value); break;
            case VpRegister.Cr4: _vmcb.Write64(VmcbOffsets.Cr4, value); break;
            case VpRegister.Efer: _vmcb.Write64(VmcbOffsets.Efer, value | SvmArchitecture.EferSvme); break;
            case VpRegister.Star: _vmcb.Write64(VmcbOffsets.Star, value); break;
            case VpRegister.Lstar: _vmcb.Write64(VmcbOffsets.Lstar, value); break;
            case VpRegister.Cstar: _vmcb.Write64(VmcbOffsets.Cstar, value); break;
            case VpRegister.Sfmask: _vmcb.Write64(VmcbOffsets.Sfmask, value); break;
            case VpRegister.SysenterCs: _vmcb.Write64(VmcbOffsets.SysenterCs, value); break;
            case VpRegister.SysenterEip: _vmcb.Write64(VmcbOffsets.SysenterEip, value); break;
            case VpRegister.SysenterEsp: _vmcb.Write64(VmcbOffsets.SysenterEsp, value); break;
            case VpRegister.KernelGsBase: _vmcb.Write64(VmcbOffsets.KernelGsBase, value); break;
            case VpRegister.Pat: _vmcb.Write64(VmcbOffsets.GuestPat, value); break;
            case VpRegister.ApicBase: _port.WriteMsr(0x1B, value); break;
            case VpRegister.Xcr0: _port.WriteXcr0(value); break;
            default: return BindingStatus.InvalidParameter; // descriptor tables: only the guest loads them
        }
        return BindingStatus.Success;
    }

    /// <summary>Queues an exception for delivery at the next VMRUN (EVENTINJ, APM Vol. 2 §15.20).</summary>
    public BindingStatus InjectException(uint vp, in ExceptionEvent exception)
    {
        if (vp != 0 || exception.Vector >= 32)
        {
            return BindingStatus.InvalidParameter;
        }
        ulong e = exception.Vector | SvmArchitecture.EventTypeException | SvmArchitecture.EventValid;
        if (exception.DeliverErrorCode)
        {
            e |= SvmArchitecture.EventErrorCodeValid | ((ulong)exception.ErrorCode << 32);
        }
        _vmcb.Write64(VmcbOffsets.EventInjection, e);
        return BindingStatus.Success;
    }

    /// <summary>Sets the guest's initial long-mode state (the VP is started by the first ReturnToLower).</summary>
    public BindingStatus StartVp(uint vp, in InitialVpContext context)
    {
        if (vp != 0)
        {
            return BindingStatus.NotSupported;
        }
        _vmcb.Write64(VmcbOffsets.Rip, context.Rip);
        _vmcb.Write64(VmcbOffsets.Rsp, context.Rsp);
        _vmcb.Write64(VmcbOffsets.Rflags, context.Rflags | 2);
        _vmcb.Write64(VmcbOffsets.Cr0, context.Cr0);
        _vmcb.Write64(VmcbOffsets.Cr3, context.Cr3);
        _vmcb.Write64(VmcbOffsets.Cr4, context.Cr4);
        // VMRUN's consistency checks require guest EFER.SVME (pitfall 5).
        _vmcb.Write64(VmcbOffsets.Efer, context.Efer | SvmArchitecture.EferSvme);
        if (context.Pat != 0)
        {
            _vmcb.Write64(VmcbOffsets.GuestPat, context.Pat);
        }
        _vmcb.SetSegment(VmcbOffsets.Cs, context.CsSelector, context.CsAttributes, 0xFFFF_FFFF, 0);
        _vmcb.SetSegment(VmcbOffsets.Ds, context.DataSelector, context.DataAttributes, 0xFFFF_FFFF, 0);
        _vmcb.SetSegment(VmcbOffsets.Es, context.DataSelector, context.DataAttributes, 0xFFFF_FFFF, 0);
        _vmcb.SetSegment(VmcbOffsets.Ss, context.DataSelector, context.DataAttributes, 0xFFFF_FFFF, 0);
        _vmcb.SetSegment(VmcbOffsets.Fs, context.DataSelector, context.DataAttributes, 0xFFFF_FFFF, 0);
        _vmcb.SetSegment(VmcbOffsets.Gs, context.DataSelector, context.DataAttributes, 0xFFFF_FFFF, 0);
        _vmcb.SetSegment(VmcbOffsets.Gdtr, 0, 0, context.GdtrLimit, context.GdtrBase);
        _vmcb.SetSegment(VmcbOffsets.Idtr, 0, 0, context.IdtrLimit, context.IdtrBase);
        _vmcb.SetSegment(VmcbOffsets.Tr, context.TrSelector,
            context.TrAttributes != 0 ? context.TrAttributes : SvmArchitecture.TssAttributes,
            context.TrLimit != 0 ? context.TrLimit : 0x67, context.TrBase);
        _vmcb.SetSegment(VmcbOffsets.Ldtr, 0, SvmArchitecture.LdtAttributes, 0, 0);
        _vmcb.Write64(VmcbOffsets.Dr7, 0x400);
        _vmcb.Write64(VmcbOffsets.Dr6, 0xFFFF_0FF0);
        _started = true;
        return BindingStatus.Success;
    }
}
