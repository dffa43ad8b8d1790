using System;
using System.Buffers.Binary;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.SevSnp.Definitions;

namespace Lvbs.Hypervisor.SevSnp.Backend;

/// <summary>
/// The secure kernel's platform at VMPL0 on SEV-SNP, with the normal kernel at
/// <see cref="LowerVmpl"/> (COCONUT runs its guest at VMPL2). P1 = RMPADJUST per 4 KiB page;
/// P6/P7 = direct edits of the lower VMSA; P5 = AP_CREATION with a VMPL0 VMSA. Register
/// intercepts are not available (capability None) and return NotSupported.
/// Implemented against the published ABI only: it cannot run on this machine.
/// </summary>
public sealed class SnpPlatform : ISecurePlatform, IGuestMemory, IVtlPageProtection, IRegisterIntercepts,
    IVpRegisters, IEventInjection, IVpStartup
{
    private readonly ISnpPort _port;
    private readonly uint _vpCount;
    private readonly ulong _ramEnd;
    private readonly ulong _vtl1Start;
    private readonly ulong _vtl1End;

    /// <summary>Creates the platform.</summary>
    public SnpPlatform(ISnpPort port, uint vpCount, byte lowerVmpl, ulong ramEnd, ulong vtl1Start, ulong vtl1End)
    {
        _port = port;
        _vpCount = vpCount;
        LowerVmpl = lowerVmpl;
        _ramEnd = ramEnd;
        _vtl1Start = vtl1Start;
        _vtl1End = vtl1End;
        Capabilities = SnpCapabilities.Create();
    }

    /// <summary>The VMPL the normal kernel runs at (1..3).</summary>
    public byte LowerVmpl { get; }

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

    /// <summary>RDX attribute bits for <paramref name="permissions"/> on <paramref name="vmpl"/>: KX → bit 11, UX → bit 10.</summary>
    public static ulong EncodeAttributes(byte vmpl, VtlPermissions permissions)
    {
        ulong rdx = vmpl & RmpAdjust.TargetVmplMask;
        if ((permissions & VtlPermissions.Read) != 0) rdx |= RmpAdjust.Read;
        if ((permissions & VtlPermissions.Write) != 0) rdx |= RmpAdjust.Write;
        if ((permissions & VtlPermissions.UserExecute) != 0) rdx |= RmpAdjust.ExecuteUser;
        if ((permissions & VtlPermissions.KernelExecute) != 0) rdx |= RmpAdjust.ExecuteSupervisor;
        return rdx;
    }

    /// <summary>Maps an RMPADJUST/PVALIDATE result.</summary>
    public static BindingStatus ToBinding(ulong rax)
    {
        switch ((SnpInstructionResult)rax)
        {
            case SnpInstructionResult.Success: return BindingStatus.Success;
            case SnpInstructionResult.FailInput: return BindingStatus.InvalidParameter;
            case SnpInstructionResult.FailPermission: return BindingStatus.AccessDenied;
            case SnpInstructionResult.FailSizeMismatch: return BindingStatus.Unaligned;
            default: return BindingStatus.HardwareFailure;
        }
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

        if (s != BindingStatus.Success)
        {
            return s;
        }

        ulong rdx = EncodeAttributes(LowerVmpl, permissions);
        for (ulong i = 0; i < pageCount; i++)
        {
            ulong va = _port.VirtualAddressOf((firstPfn + i) << GuestRange.PageShift);
            s = ToBinding(_port.RmpAdjust(va, RmpAdjust.PageSize4K, rdx));
            if (s != BindingStatus.Success)
            {
                return s;
            }
        }

        return BindingStatus.Success;
    }

    /// <summary>PVALIDATE one 4 KiB page (accept or rescind private memory). CF = 1 (unchanged) is HardwareFailure.</summary>
    public BindingStatus ValidatePage(ulong gpa, bool validate)
    {
        if ((gpa & (GuestRange.PageSize - 1)) != 0)
        {
            return BindingStatus.Unaligned;
        }

        ulong rax = _port.Pvalidate(_port.VirtualAddressOf(gpa), RmpAdjust.PageSize4K, validate ? Pvalidate.Validate : Pvalidate.Invalidate, out bool carry);
        BindingStatus s = ToBinding(rax);
        return s == BindingStatus.Success && carry ? BindingStatus.HardwareFailure : s;
    }

    /// <inheritdoc />
    public BindingStatus ArmIntercepts(uint vp, in InterceptConfiguration configuration)
    {
        // Refuse rather than pretend: see SnpCapabilities (ControlRegisterPinning = None).
        return configuration.Set == InterceptSet.None ? BindingStatus.Success : BindingStatus.NotSupported;
    }

    /// <inheritdoc />
    public BindingStatus ReadRegister(uint vp, VpRegister register, out ulong value)
    {
        value = 0;
        if (vp >= _vpCount)
        {
            return BindingStatus.InvalidParameter;
        }

        if (!SnpVmsaMap.TryLocate(register, out int offset, out int width))
        {
            return BindingStatus.InvalidParameter;
        }

        Span<byte> vmsa = _port.LowerVmsa(vp);
        value = width == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(vmsa.Slice(offset, 8))
            : width == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(vmsa.Slice(offset, 4))
            : BinaryPrimitives.ReadUInt16LittleEndian(vmsa.Slice(offset, 2));
        return BindingStatus.Success;
    }

    /// <inheritdoc />
    public BindingStatus WriteRegister(uint vp, VpRegister register, ulong value)
    {
        if (vp >= _vpCount || !SnpVmsaMap.TryLocate(register, out int offset, out int width))
        {
            return BindingStatus.InvalidParameter;
        }

        if (register == VpRegister.Efer && (value & VmsaLayout.EferSvme) != 0)
        {
            // EFER.SVME in a VMSA means "runnable": only the run loop may set it (SVSM AGENTS.md rule).
            return BindingStatus.InvalidParameter;
        }

        Span<byte> vmsa = _port.LowerVmsa(vp);
        if (width == 8) BinaryPrimitives.WriteUInt64LittleEndian(vmsa.Slice(offset, 8), value);
        else if (width == 4) BinaryPrimitives.WriteUInt32LittleEndian(vmsa.Slice(offset, 4), (uint)value);
        else BinaryPrimitives.WriteUInt16LittleEndian(vmsa.Slice(offset, 2), (ushort)value);
        return BindingStatus.Success;
    }

    /// <inheritdoc />
    public BindingStatus InjectException(uint vp, in ExceptionEvent exception)
    {
        if (vp >= _vpCount || exception.Vector > 31)
        {
            return BindingStatus.InvalidParameter;
        }

        Span<byte> vmsa = _port.LowerVmsa(vp);
        ulong features = BinaryPrimitives.ReadUInt64LittleEndian(vmsa.Slice(VmsaLayout.SevFeatures, 8));
        if ((features & SevFeatures.AlternateInjection) == 0)
        {
            return BindingStatus.NotSupported;
        }

        BinaryPrimitives.WriteUInt64LittleEndian(vmsa.Slice(VmsaLayout.EventInject, 8),
            SevEventInject.Exception(exception.Vector, exception.DeliverErrorCode, exception.ErrorCode));
        if (exception.Vector == 14)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(vmsa.Slice(VmsaLayout.Cr2, 8), exception.Parameter);
        }

        return BindingStatus.Success;
    }

    /// <inheritdoc />
    public BindingStatus StartVp(uint vp, in InitialVpContext context)
    {
        if (vp >= _vpCount || (context.Rflags & 0x2) == 0)
        {
            return BindingStatus.InvalidParameter;
        }

        Span<byte> vmsa = _port.NewHigherVmsa(vp, out ulong vmsaGpa, out ulong vmsaVa);
        SnpVmsaWriter.WriteInitial(vmsa, in context, 0);

        // The new VMSA must carry this guest's SEV features: SEV_STATUS >> 2 (Linux sev.c wakeup_cpu_via_vmgexit).
        ulong features = _port.ReadMsr(SevFeatures.StatusMsr) >> 2;
        BinaryPrimitives.WriteUInt64LittleEndian(vmsa.Slice(VmsaLayout.SevFeatures, 8), features);

        // The page becomes a VMSA for VMPL0 through RMPADJUST's VMSA bit (COCONUT allocate_new_vmsa).
        BindingStatus s = ToBinding(_port.RmpAdjust(vmsaVa, RmpAdjust.PageSize4K, RmpAdjust.Vmsa));
        if (s != BindingStatus.Success)
        {
            return s;
        }

        Span<byte> ghcb = _port.Ghcb(out ulong ghcbGpa);
        SnpGhcb.Prepare(ghcb, GhcbExitCode.ApCreation, ApCreation.ExitInfo1(ApCreation.Create, 0, vp), vmsaGpa);
        SnpGhcb.SetRax(ghcb, features);
        _port.WriteMsr(GhcbMsrProtocol.GhcbMsr, ghcbGpa);
        _port.Vmgexit();
        ulong info1 = BinaryPrimitives.ReadUInt64LittleEndian(ghcb.Slice(GhcbLayout.SwExitInfo1, 8));
        return (info1 & 0xFFFF_FFFF) == 0 ? BindingStatus.Success : BindingStatus.HardwareFailure;
    }
}
