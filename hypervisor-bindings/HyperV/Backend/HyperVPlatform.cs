using System;
using System.Buffers.Binary;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.HyperV.Definitions;

namespace Lvbs.Hypervisor.HyperV.Backend;

/// <summary>
/// The secure kernel's platform on Hyper-V VSM, running at VTL1 over an <see cref="IHyperVPort"/>.
/// P1 = HvCallModifyVtlProtectionMask (≤ 510 pages per call, rep restart from reps completed);
/// P2 = CrInterceptControl + CR0/CR4 masks on VTL1's own VP registers; P5 = HvCallEnableVpVtl;
/// P6 = Get/SetVpRegisters with input VTL 0x10; P7 = PendingEvent0 (hypervisor-backends.md §1.1).
/// Implemented against the published ABI only: it cannot run on this machine.
/// </summary>
public sealed class HyperVPlatform : ISecurePlatform, IGuestMemory, IVtlPageProtection, IRegisterIntercepts,
    IVpRegisters, IEventInjection, IVpStartup
{
    private readonly IHyperVPort _port;
    private readonly ulong _ramEnd;
    private readonly ulong _vtl1Start;
    private readonly ulong _vtl1End;
    private readonly uint _vpCount;

    /// <summary>Creates the platform for a partition with <paramref name="vpCount"/> VPs and the given VTL0 RAM end and VTL1 region.</summary>
    public HyperVPlatform(IHyperVPort port, uint vpCount, ulong ramEnd, ulong vtl1Start, ulong vtl1End, bool mbecEnabled)
    {
        _port = port;
        _vpCount = vpCount;
        _ramEnd = ramEnd;
        _vtl1Start = vtl1Start;
        _vtl1End = vtl1End;
        Capabilities = HyperVCapabilities.Create(mbecEnabled);
    }

    /// <inheritdoc />
    public BackendCapabilities Capabilities { get; }

    /// <inheritdoc />
    public IGuestMemory Memory => this;

    /// <inheritdoc />
    public IVtlPageProtection Protection => this;

    /// <inheritdoc />
    public IRegisterIntercepts Intercepts => this;

    /// <inheritdoc />
    public IVpRegisters Registers => this;

    /// <inheritdoc />
    public IEventInjection Injection => this;

    /// <inheritdoc />
    public IVpStartup Startup => this;

    /// <inheritdoc />
    public BindingStatus Read(ulong gpa, Span<byte> destination)
    {
        BindingStatus s = GuestRange.Check(gpa, (ulong)destination.Length, 1, _ramEnd, _vtl1Start, _vtl1End);
        if (s != BindingStatus.Success)
        {
            return s;
        }

        return _port.ReadPhysical(gpa, destination) ? BindingStatus.Success : BindingStatus.OutOfRange;
    }

    /// <inheritdoc />
    public BindingStatus Write(ulong gpa, ReadOnlySpan<byte> source)
    {
        BindingStatus s = GuestRange.Check(gpa, (ulong)source.Length, 1, _ramEnd, _vtl1Start, _vtl1End);
        if (s != BindingStatus.Success)
        {
            return s;
        }

        return _port.WritePhysical(gpa, source) ? BindingStatus.Success : BindingStatus.OutOfRange;
    }

    /// <inheritdoc />
    public BindingStatus SetLowerVtlPermissions(ulong firstPfn, ulong pageCount, VtlPermissions permissions)
    {
        BindingStatus s = PermissionRules.Check(permissions, Capabilities.Get(Capability.ExecuteSplit).Level);
        if (s == BindingStatus.Success)
        {
            s = GuestRange.CheckPages(firstPfn, pageCount, _ramEnd, _vtl1Start, _vtl1End);
        }

        if (s != BindingStatus.Success)
        {
            return s;
        }

        // VtlPermissions is bit-for-bit the HV_MAP_GPA low nibble. Input VTL "current" (VTL1):
        // a VTL can only protect lower VTLs (TLFS).
        uint flags = (uint)permissions & HvMapGpaFlags.PermissionsMask;
        ulong done = 0;
        while (done < pageCount)
        {
            ulong left = pageCount - done;
            int batch = left > HvPartition.MaxProtectionPagesPerCall ? HvPartition.MaxProtectionPagesPerCall : (int)left;
            HvInputWriter.ModifyVtlProtectionMask(_port.InputPage(), flags, HvInputVtl.Current, firstPfn + done, batch);
            s = RepHypercall(HypercallCode.ModifyVtlProtectionMask, (ushort)batch);
            if (s != BindingStatus.Success)
            {
                return s;
            }

            done += (ulong)batch;
        }

        return BindingStatus.Success;
    }

    /// <inheritdoc />
    public BindingStatus ArmIntercepts(uint vp, in InterceptConfiguration configuration)
    {
        if (vp >= _vpCount || ((uint)configuration.Set & ~(uint)(InterceptSet.LvbsLockRegs | InterceptSet.Xcr0Write)) != 0)
        {
            return BindingStatus.InvalidParameter;
        }

        // VTL1 programs its *own* intercept registers (input VTL = current), as LVBS mshv_vsm_lock_regs does.
        Span<byte> page = _port.InputPage();
        HvInputWriter.VpRegistersHeader(page, vp, HvInputVtl.Current);
        HvInputWriter.RegisterAssoc(page, 0, HvRegisterName.CrInterceptCr0Mask, configuration.Cr0Mask, 0);
        HvInputWriter.RegisterAssoc(page, 1, HvRegisterName.CrInterceptCr4Mask, configuration.Cr4Mask, 0);
        HvInputWriter.RegisterAssoc(page, 2, HvRegisterName.CrInterceptControl, HvRegisterMap.ToCrInterceptControl(configuration.Set), 0);
        return RepHypercall(HypercallCode.SetVpRegisters, 3);
    }

    /// <inheritdoc />
    public BindingStatus ReadRegister(uint vp, VpRegister register, out ulong value)
    {
        value = 0;
        BindingStatus s = GetRaw(vp, register, out ulong low, out ulong high);
        if (s != BindingStatus.Success)
        {
            return s;
        }

        value = Extract(register, low, high);
        return BindingStatus.Success;
    }

    /// <inheritdoc />
    public BindingStatus WriteRegister(uint vp, VpRegister register, ulong value)
    {
        if (vp >= _vpCount || !HvRegisterMap.TryToHv(register, out HvRegisterName name))
        {
            return BindingStatus.InvalidParameter;
        }

        ulong low = value;
        ulong high = 0;
        if (IsComposite(register))
        {
            // Table and segment registers are 128-bit: read, change one field, write back.
            BindingStatus g = GetRaw(vp, register, out low, out high);
            if (g != BindingStatus.Success)
            {
                return g;
            }

            Insert(register, value, ref low, ref high);
        }

        Span<byte> page = _port.InputPage();
        HvInputWriter.VpRegistersHeader(page, vp, HvInputVtl.Vtl0);
        HvInputWriter.RegisterAssoc(page, 0, name, low, high);
        return RepHypercall(HypercallCode.SetVpRegisters, 1);
    }

    /// <inheritdoc />
    public BindingStatus InjectException(uint vp, in ExceptionEvent exception)
    {
        if (vp >= _vpCount || exception.Vector > 31)
        {
            return BindingStatus.InvalidParameter;
        }

        Span<byte> page = _port.InputPage();
        HvInputWriter.VpRegistersHeader(page, vp, HvInputVtl.Vtl0);
        ulong low = HvPendingEvent.ExceptionLow(exception.Vector, exception.DeliverErrorCode, exception.ErrorCode);
        HvInputWriter.RegisterAssoc(page, 0, HvRegisterName.PendingEvent0, low, exception.Parameter);
        return RepHypercall(HypercallCode.SetVpRegisters, 1);
    }

    /// <inheritdoc />
    public BindingStatus StartVp(uint vp, in InitialVpContext context)
    {
        if (vp >= _vpCount || (context.Rflags & 0x2) == 0)
        {
            return BindingStatus.InvalidParameter;
        }

        HvInputWriter.EnableVpVtl(_port.InputPage(), vp, 1, in context);
        ulong result = _port.Hypercall(HypercallControl.Encode(HypercallCode.EnableVpVtl, 0, 0));
        return HvRegisterMap.ToBinding(HypercallControl.Status(result));
    }

    private BindingStatus GetRaw(uint vp, VpRegister register, out ulong low, out ulong high)
    {
        low = 0;
        high = 0;
        if (vp >= _vpCount || !HvRegisterMap.TryToHv(register, out HvRegisterName name))
        {
            return BindingStatus.InvalidParameter;
        }

        Span<byte> page = _port.InputPage();
        HvInputWriter.VpRegistersHeader(page, vp, HvInputVtl.Vtl0);
        BinaryPrimitives.WriteUInt32LittleEndian(page.Slice(HvGetSetVpRegistersHeader.Size, 4), (uint)name);
        BindingStatus s = RepHypercall(HypercallCode.GetVpRegisters, 1);
        if (s != BindingStatus.Success)
        {
            return s;
        }

        ReadOnlySpan<byte> output = _port.OutputPage();
        low = BinaryPrimitives.ReadUInt64LittleEndian(output.Slice(0, 8));
        high = BinaryPrimitives.ReadUInt64LittleEndian(output.Slice(8, 8));
        return BindingStatus.Success;
    }

    private BindingStatus RepHypercall(HypercallCode code, ushort reps)
    {
        // Linux hv_do_rep_hypercall: on success with fewer reps completed, reissue from there.
        ushort start = 0;
        for (int attempts = 0; attempts <= reps; attempts++)
        {
            ulong result = _port.Hypercall(HypercallControl.Encode(code, reps, start));
            HvStatus status = HypercallControl.Status(result);
            if (status != HvStatus.Success)
            {
                return HvRegisterMap.ToBinding(status);
            }

            ushort completed = HypercallControl.RepsCompleted(result);
            if (completed >= reps)
            {
                return BindingStatus.Success;
            }

            if (completed <= start)
            {
                return BindingStatus.HardwareFailure; // no progress: never spin
            }

            start = completed;
        }

        return BindingStatus.HardwareFailure;
    }

    private static bool IsComposite(VpRegister r)
    {
        return r == VpRegister.GdtrBase || r == VpRegister.GdtrLimit || r == VpRegister.IdtrBase || r == VpRegister.IdtrLimit
            || r == VpRegister.LdtrSelector || r == VpRegister.TrSelector;
    }

    private static ulong Extract(VpRegister r, ulong low, ulong high)
    {
        switch (r)
        {
            case VpRegister.GdtrBase:
            case VpRegister.IdtrBase: return high;
            case VpRegister.GdtrLimit:
            case VpRegister.IdtrLimit: return low >> 48;
            case VpRegister.LdtrSelector:
            case VpRegister.TrSelector: return (high >> 32) & 0xFFFF;
            default: return low;
        }
    }

    private static void Insert(VpRegister r, ulong value, ref ulong low, ref ulong high)
    {
        switch (r)
        {
            case VpRegister.GdtrBase:
            case VpRegister.IdtrBase: high = value; break;
            case VpRegister.GdtrLimit:
            case VpRegister.IdtrLimit: low = (low & 0x0000_FFFF_FFFF_FFFF) | ((value & 0xFFFF) << 48); break;
            default: high = (high & ~(0xFFFFUL << 32)) | ((value & 0xFFFF) << 32); break;
        }
    }
}
