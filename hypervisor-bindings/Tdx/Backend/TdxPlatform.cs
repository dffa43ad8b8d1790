using System;
using System.Buffers.Binary;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Tdx.Definitions;

namespace Lvbs.Hypervisor.Tdx.Backend;

/// <summary>
/// The secure kernel's platform as the L1 VMM of a partitioned TD, with the normal kernel in
/// L2 VM <see cref="LowerVm"/> (OpenHCL uses VM1 for VTL0). P1 = TDG.MEM.PAGE.ATTR.WR on that
/// VM's 16-bit attribute field; P2 = TDG.VP.WR of the L2 VMCS CR0/CR4 guest/host masks, the
/// descriptor-table-exiting control and the MSR bitmap; P6/P7 = guest-state list and L2 VMCS
/// (hypervisor-backends.md §1.3). Implemented against the published ABI only.
/// </summary>
public sealed class TdxPlatform : ISecurePlatform, IGuestMemory, IVtlPageProtection, IRegisterIntercepts,
    IVpRegisters, IEventInjection, IVpStartup
{
    private readonly ITdxPort _port;
    private readonly ulong _ramEnd;
    private readonly ulong _vtl1Start;
    private readonly ulong _vtl1End;

    /// <summary>Creates the platform for L2 VM <paramref name="lowerVm"/> (1..3).</summary>
    public TdxPlatform(ITdxPort port, int lowerVm, ulong ramEnd, ulong vtl1Start, ulong vtl1End)
    {
        _port = port;
        LowerVm = lowerVm < 1 || lowerVm > VpEnter.MaxL2Vms ? 1 : lowerVm;
        _ramEnd = ramEnd;
        _vtl1Start = vtl1Start;
        _vtl1End = vtl1End;
        Capabilities = TdxCapabilities.Create();
    }

    /// <summary>The L2 VM index of the normal kernel.</summary>
    public int LowerVm { get; }

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

    /// <summary>Per-VM attribute bits for <paramref name="p"/>: R, W, XS, XU in HV order, plus VALID when nonzero.</summary>
    public static ushort EncodeAttributes(VtlPermissions p)
    {
        ushort a = (ushort)((byte)p & 0xF);
        return a == 0 ? (ushort)0 : (ushort)(a | GpaAttributes.Valid);
    }

    /// <inheritdoc />
    public BindingStatus Read(ulong gpa, Span<byte> destination)
    {
        BindingStatus s = GuestRange.Check(gpa, (ulong)destination.Length, 1, _ramEnd, _vtl1Start, _vtl1End);
        return s != BindingStatus.Success ? s : (_port.ReadPhysical(gpa, destination) ? BindingStatus.Success : BindingStatus.OutOfRange);
    }

    /// <inheritdoc />
    public BindingStatus Write(ulong gpa, ReadOnlySpan<byte> source)
    {
        BindingStatus s = GuestRange.Check(gpa, (ulong)source.Length, 1, _ramEnd, _vtl1Start, _vtl1End);
        return s != BindingStatus.Success ? s : (_port.WritePhysical(gpa, source) ? BindingStatus.Success : BindingStatus.OutOfRange);
    }

    /// <inheritdoc />
    public BindingStatus SetLowerVtlPermissions(ulong firstPfn, ulong pageCount, VtlPermissions permissions)
    {
        BindingStatus s = PermissionRules.Check(permissions, Capabilities.Get(Capability.ExecuteSplit).Level);
        if (s == BindingStatus.Success)
        {
            s = GuestRange.CheckPages(firstPfn, pageCount, _ramEnd, _vtl1Start, _vtl1End);
        }

        ushort attr = EncodeAttributes(permissions);
        if (s == BindingStatus.Success && !GpaAttributes.IsLegal(attr))
        {
            s = BindingStatus.InvalidPermissions;
        }

        if (s != BindingStatus.Success)
        {
            return s;
        }

        // Change R/W/XS/XU/VGP/PWA/SSS/SVE of this VM only and invalidate its EPT (mask bit 15).
        ulong mask = GpaAttributes.ForVm((ushort)(0x00FF | GpaAttributes.MaskInvalidateEpt), LowerVm);
        for (ulong i = 0; i < pageCount; i++)
        {
            TdcallRegisters r = default;
            r.Rax = (ulong)TdCallLeaf.MemPageAttrWr;
            r.Rcx = GpaAttributes.Rcx((firstPfn + i) << GuestRange.PageShift, 0);
            r.Rdx = GpaAttributes.ForVm(attr, LowerVm);
            r.R8 = mask;
            s = TdxRegisterMap.ToBinding(_port.Tdcall(in r).Rax);
            if (s != BindingStatus.Success)
            {
                return s;
            }
        }

        return BindingStatus.Success;
    }

    /// <inheritdoc />
    public BindingStatus ArmIntercepts(uint vp, in InterceptConfiguration configuration)
    {
        if (vp != _port.CurrentVp || ((uint)configuration.Set & ~(uint)InterceptSet.LvbsLockRegs) != 0)
        {
            return BindingStatus.InvalidParameter;
        }

        // CR bits owned by L1 (set in the guest/host mask) make MOV to CR exit to L1 when they change (TDX module td_l2_cr_access_exit).
        ulong cr0 = (configuration.Set & InterceptSet.Cr0Write) != 0 ? configuration.Cr0Mask : 0;
        ulong cr4 = (configuration.Set & InterceptSet.Cr4Write) != 0 ? configuration.Cr4Mask : 0;
        BindingStatus s = VpWrite(VmcsField.Cr0GuestHostMask, TdxFieldCode.Size64, cr0, ulong.MaxValue, out _);
        if (s == BindingStatus.Success)
        {
            s = VpWrite(VmcsField.Cr4GuestHostMask, TdxFieldCode.Size64, cr4, ulong.MaxValue, out _);
        }

        if (s == BindingStatus.Success)
        {
            ulong dt = (configuration.Set & InterceptSet.AnyDescriptorTable) != 0 ? VmcsField.DescriptorTableExiting : 0;
            s = VpWrite(VmcsField.SecondaryProcessorControls, TdxFieldCode.Size32, dt, VmcsField.DescriptorTableExiting, out _);
        }

        for (int i = 0; s == BindingStatus.Success && i < VpRegisters.Count; i++)
        {
            VpRegister reg = (VpRegister)i;
            InterceptSet bit = VpRegisters.InterceptFor(reg);
            uint msr = VpRegisters.MsrIndex(reg);
            if (msr != 0 && (configuration.Set & bit) != 0)
            {
                s = SetMsrWriteIntercept(msr);
            }
        }

        return s;
    }

    /// <inheritdoc />
    public BindingStatus ReadRegister(uint vp, VpRegister register, out ulong value)
    {
        value = 0;
        if (vp != _port.CurrentVp)
        {
            return BindingStatus.InvalidParameter;
        }

        if (TdxRegisterMap.TryGuestState(register, out int offset))
        {
            value = BinaryPrimitives.ReadUInt64LittleEndian(_port.L2GuestState(out _).Slice(offset, 8));
            return BindingStatus.Success;
        }

        if (!TdxRegisterMap.TryVmcs(register, out uint encoding, out ulong size))
        {
            return BindingStatus.InvalidParameter;
        }

        TdcallRegisters r = default;
        r.Rax = (ulong)TdCallLeaf.VpRd;
        r.Rdx = TdxFieldCode.Vmcs(LowerVm, encoding, size);
        TdcallRegisters o = _port.Tdcall(in r);
        value = o.R8;
        return TdxRegisterMap.ToBinding(o.Rax);
    }

    /// <inheritdoc />
    public BindingStatus WriteRegister(uint vp, VpRegister register, ulong value)
    {
        if (vp != _port.CurrentVp)
        {
            return BindingStatus.InvalidParameter;
        }

        if (TdxRegisterMap.TryGuestState(register, out int offset))
        {
            BinaryPrimitives.WriteUInt64LittleEndian(_port.L2GuestState(out _).Slice(offset, 8), value);
            return BindingStatus.Success;
        }

        if (!TdxRegisterMap.TryVmcs(register, out uint encoding, out ulong size))
        {
            return BindingStatus.InvalidParameter;
        }

        return VpWrite(encoding, size, value, ulong.MaxValue, out _);
    }

    /// <inheritdoc />
    public BindingStatus InjectException(uint vp, in ExceptionEvent exception)
    {
        if (vp != _port.CurrentVp || exception.Vector > 31)
        {
            return BindingStatus.InvalidParameter;
        }

        BindingStatus s = VpWrite(VmcsField.EntryExceptionErrorCode, TdxFieldCode.Size32, exception.ErrorCode, 0xFFFF_FFFF, out _);
        if (s != BindingStatus.Success)
        {
            return s;
        }

        uint info = VmxEntryInterruptInfo.Exception(exception.Vector, exception.DeliverErrorCode);
        return VpWrite(VmcsField.EntryInterruptInfo, TdxFieldCode.Size32, info, 0xFFFF_FFFF, out _);
    }

    /// <inheritdoc />
    public BindingStatus StartVp(uint vp, in InitialVpContext context)
    {
        return BindingStatus.NotSupported; // see TdxCapabilities: VpStartup = None
    }

    private BindingStatus SetMsrWriteIntercept(uint msr)
    {
        // Intel SDM §25.6.9: write bitmap for low MSRs at byte 0x800, for 0xC0000000.. at 0xC00.
        uint byteOffset;
        if (msr <= 0x1FFF)
        {
            byteOffset = 0x800 + (msr / 8);
        }
        else if (msr >= 0xC000_0000 && msr <= 0xC000_1FFF)
        {
            byteOffset = 0xC00 + ((msr - 0xC000_0000) / 8);
        }
        else
        {
            return BindingStatus.InvalidParameter;
        }

        ulong bit = 1UL << (int)(((byteOffset % 8) * 8) + (msr % 8));
        TdcallRegisters r = default;
        r.Rax = (ulong)TdCallLeaf.VpWr;
        r.Rdx = TdxFieldCode.MsrBitmap(LowerVm, byteOffset / 8);
        r.R8 = bit;
        r.R9 = bit;
        return TdxRegisterMap.ToBinding(_port.Tdcall(in r).Rax);
    }

    private BindingStatus VpWrite(uint encoding, ulong size, ulong value, ulong writeMask, out ulong old)
    {
        TdcallRegisters r = default;
        r.Rax = (ulong)TdCallLeaf.VpWr;
        r.Rdx = TdxFieldCode.Vmcs(LowerVm, encoding, size);
        r.R8 = value;
        r.R9 = writeMask;
        TdcallRegisters o = _port.Tdcall(in r);
        old = o.R8;
        return TdxRegisterMap.ToBinding(o.Rax);
    }
}
