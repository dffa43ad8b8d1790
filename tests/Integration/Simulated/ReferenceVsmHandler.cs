using System;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Tests.Integration.Simulated;

/// <summary>
/// A test stand-in for the VSM dispatcher (issue 5 owns the real one): just enough of LVBS's
/// VTL1 behaviour (lvbs-abi.md §1.2, §2.1 mask table, §4 intercept handling) to drive the
/// simulated platform through whole flows. It uses only the abstraction interfaces.
/// </summary>
internal sealed class ReferenceVsmHandler : IVtlEntryHandler
{
    private static readonly VpRegister[] Saved =
    {
        VpRegister.Cr0, VpRegister.Cr4, VpRegister.Lstar, VpRegister.Star, VpRegister.Cstar, VpRegister.ApicBase,
        VpRegister.Efer, VpRegister.SysenterCs, VpRegister.SysenterEsp, VpRegister.SysenterEip, VpRegister.Sfmask,
    };

    private readonly ISecurePlatform _p;
    private readonly ulong[,] _saved;
    private bool _endOfBoot;

    private readonly ulong _ramEnd;
    private readonly ulong _vtl1Start;
    private readonly ulong _vtl1End;

    public ReferenceVsmHandler(ISecurePlatform platform, int vpCount, ulong ramEnd, ulong vtl1Start, ulong vtl1End)
    {
        _p = platform;
        _ramEnd = ramEnd;
        _vtl1Start = vtl1Start;
        _vtl1End = vtl1End;
        _saved = new ulong[vpCount, VpRegisters.Count];
    }

    public long OnEntry(in VtlEntry entry)
    {
        switch (entry.Reason)
        {
            case VtlEntryReason.Call: return OnCall(entry.Call);
            case VtlEntryReason.Intercept: OnIntercept(entry.Intercept); return 0;
            case VtlEntryReason.Interrupt: return 0;
            default: return -(long)LinuxErrno.EINVAL;
        }
    }

    private long OnCall(in VtlCall call)
    {
        if (!VtlCallFunctions.IsKnown(call.FunctionId))
        {
            return -(long)LinuxErrno.ENOTSUP;
        }

        var f = (VtlCallFunction)call.FunctionId;
        if (_endOfBoot && VtlCallFunctions.IsBootOnly(f))
        {
            return -(long)LinuxErrno.EPERM;
        }

        switch (f)
        {
            case VtlCallFunction.LockRegs: return LockRegs(call.Vp);
            case VtlCallFunction.SignalEndOfBoot: _endOfBoot = true; return 0;
            case VtlCallFunction.ProtectMemory: return ProtectMemory(call.Arg1, call.Arg2);
            case VtlCallFunction.BootAps: return BootAps(call.Arg1);
            default: return -(long)LinuxErrno.ENOTSUP;
        }
    }

    private long LockRegs(uint vp)
    {
        foreach (VpRegister r in Saved)
        {
            if (_p.Registers.ReadRegister(vp, r, out ulong v) != BindingStatus.Success)
            {
                return -(long)LinuxErrno.EIO;
            }

            _saved[vp, (int)r] = v;
        }

        var c = new InterceptConfiguration
        {
            Set = InterceptSet.LvbsLockRegs,
            Cr0Mask = InterceptConfiguration.LvbsCr0Mask,
            Cr4Mask = InterceptConfiguration.LvbsCr4Mask,
        };
        return _p.Intercepts.ArmIntercepts(vp, c) == BindingStatus.Success ? 0 : -(long)LinuxErrno.EIO;
    }

    private long BootAps(ulong onlineMaskPfn)
    {
        byte[] mask = new byte[8];
        if (_p.Memory.Read(onlineMaskPfn << 12, mask) != BindingStatus.Success)
        {
            return -(long)LinuxErrno.EFAULT;
        }

        ulong bits = BitConverter.ToUInt64(mask);
        for (uint vp = 1; vp < 64; vp++)
        {
            if ((bits & (1UL << (int)vp)) == 0)
            {
                continue;
            }

            var ctx = new InitialVpContext { Rip = 0xFFFF_E200_0010_0000, Rsp = 0xFFFF_E200_0020_0000, Rflags = 2, Cr0 = 0x8005_0033 };
            BindingStatus s = _p.Startup.StartVp(vp, ctx);
            if (s != BindingStatus.Success && s != BindingStatus.AccessDenied)
            {
                return -(long)LinuxErrno.EIO;
            }
        }

        return 0;
    }

    private long ProtectMemory(ulong pa, ulong total)
    {
        // Two passes: validate the whole chain first so a bad page changes no permission.
        long r = WalkChain(pa, total, apply: false);
        return r != 0 ? r : WalkChain(pa, total, apply: true);
    }

    private long WalkChain(ulong pa, ulong total, bool apply)
    {
        byte[] page = new byte[HekiPage.Size];
        ulong seen = 0;
        for (int pages = 0; pa != 0; pages++)
        {
            if (pages > 1024 || (pa & 0xFFF) != 0)
            {
                return -(long)LinuxErrno.EFAULT;
            }

            if (_p.Memory.Read(pa, page) != BindingStatus.Success)
            {
                return -(long)LinuxErrno.EFAULT;
            }

            if (HekiPage.TryParse(page, out HekiPageHeader h) != HekiPageStatus.Ok)
            {
                return -(long)LinuxErrno.EINVAL;
            }

            for (int i = 0; i < (int)h.RangeCount; i++)
            {
                HekiRange range = HekiPage.GetRange(page, i);
                if (!HekiAttributes.IsValidMemAttr(range.Attributes) || (range.Pa & 0xFFF) != 0 || (range.Epa & 0xFFF) != 0)
                {
                    return -(long)LinuxErrno.EINVAL;
                }

                VtlPermissions perm = ToPermissions((MemAttr)range.Attributes);
                BindingStatus s = apply
                    ? _p.Protection.SetLowerVtlPermissions(range.Pa >> 12, (range.Epa - range.Pa) >> 12, perm)
                    : Precheck(range, perm);
                if (s != BindingStatus.Success)
                {
                    return -(long)LinuxErrno.EINVAL;
                }
            }

            seen += h.RangeCount;
            pa = h.NextPa;
        }

        return seen == total ? 0 : -(long)LinuxErrno.EINVAL;
    }

    private BindingStatus Precheck(in HekiRange range, VtlPermissions perm)
    {
        BindingStatus s = PermissionRules.Check(perm, _p.Capabilities.Get(Capability.ExecuteSplit).Level);
        return s != BindingStatus.Success ? s : GuestRange.CheckPages(range.Pa >> 12, (range.Epa - range.Pa) >> 12, _ramEnd, _vtl1Start, _vtl1End);
    }

    // lvbs-abi.md §2.1: READ → R|UX, WRITE → W, EXEC → KX|UX.
    private static VtlPermissions ToPermissions(MemAttr a)
    {
        VtlPermissions p = VtlPermissions.None;
        if ((a & MemAttr.Read) != 0) p |= VtlPermissions.Read | VtlPermissions.UserExecute;
        if ((a & MemAttr.Write) != 0) p |= VtlPermissions.Write;
        if ((a & MemAttr.Exec) != 0) p |= VtlPermissions.KernelExecute | VtlPermissions.UserExecute;
        return p;
    }

    private void OnIntercept(in Intercept i)
    {
        bool allow;
        switch (i.Kind)
        {
            case InterceptKind.ControlRegisterWrite:
                ulong mask = i.Register == VpRegister.Cr0 ? InterceptConfiguration.LvbsCr0Mask : InterceptConfiguration.LvbsCr4Mask;
                allow = (i.Value & mask) == (_saved[i.Vp, (int)i.Register] & mask);
                break;
            case InterceptKind.MsrWrite:
                allow = i.Value == _saved[i.Vp, (int)i.Register];
                break;
            default:
                allow = false; // descriptor-table and GPA intercepts: always #GP, as LVBS does
                break;
        }

        if (allow)
        {
            _p.Registers.WriteRegister(i.Vp, i.Register, i.Value);
            _p.Registers.ReadRegister(i.Vp, VpRegister.Rip, out ulong rip);
            _p.Registers.WriteRegister(i.Vp, VpRegister.Rip, rip + i.InstructionLength);
        }
        else
        {
            _p.Injection.InjectException(i.Vp, ExceptionEvent.GeneralProtectionFault());
        }
    }
}
