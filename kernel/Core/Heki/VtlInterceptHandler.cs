using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki;

/// <summary>
/// Decides every intercepted VTL0 action (lvbs-abi.md §4 "Intercept handling"). The backend
/// delivers the write before it takes effect. CR0/CR4: allowed iff the new value keeps the
/// pinned bits of the value saved by LOCK_REGS, compared on the mask (LVBS compares against
/// the unmasked saved value, which refuses harmless writes). MSRs: allowed only when the value
/// is identical and the MSR index matches the register. XSETBV: allowed only for XCR index 0
/// with the identical XCR0 value (<see cref="RegisterPins.Xcr0Mask"/>). Descriptor-table loads and denied
/// memory accesses: always refused. An allowed write is applied through
/// <see cref="IVpRegisters"/> and RIP advanced past the instruction; a refused one injects
/// #GP(0) through <see cref="IEventInjection"/> and is recorded in <see cref="Log"/>.
/// </summary>
public sealed class VtlInterceptHandler
{
    private readonly ISecurePlatform _platform;
    private readonly RegisterPins _pins;
    private readonly RefusalLog _log;

    /// <summary>Creates the handler over the pins LOCK_REGS fills.</summary>
    public VtlInterceptHandler(ISecurePlatform platform, RegisterPins pins, RefusalLog log)
    {
        _platform = platform;
        _pins = pins;
        _log = log;
    }

    /// <summary>The refusals so far.</summary>
    public RefusalLog Log => _log;

    /// <summary>Handles one intercept; true when the write was allowed and applied.</summary>
    public bool Handle(in Intercept intercept)
    {
        if (intercept.Vp >= (uint)_pins.VpCount)
        {
            // No per-VP state to consult: record it, inject nothing on a VP we cannot name.
            Refuse(in intercept, RefusalReason.BadVp, 0, 0, inject: false);
            return false;
        }

        switch (intercept.Kind)
        {
            case InterceptKind.ControlRegisterWrite:
                return OnValueWrite(in intercept, intercept.Register == VpRegister.Cr0 || intercept.Register == VpRegister.Cr4);
            case InterceptKind.MsrWrite:
                if (VpRegisters.MsrIndex(intercept.Register) != intercept.Msr || intercept.Msr == 0)
                {
                    Refuse(in intercept, RefusalReason.MsrMismatch, 0, 0, inject: true);
                    return false;
                }

                return OnValueWrite(in intercept, true);
            case InterceptKind.XcrWrite:
                // XSETBV: only XCR0 (ECX = 0) exists as a writable XCR; any other index is a #GP on hardware too.
                if (intercept.Msr != 0)
                {
                    Refuse(in intercept, RefusalReason.MsrMismatch, 0, 0, inject: true);
                    return false;
                }

                return OnValueWrite(in intercept, intercept.Register == VpRegister.Xcr0);
            case InterceptKind.DescriptorTableWrite:
                Refuse(in intercept, RefusalReason.DescriptorTableLocked, 0, 0, inject: true);
                return false;
            case InterceptKind.GpaAccess:
                Refuse(in intercept, RefusalReason.MemoryAccessDenied, 0, 0, inject: true);
                return false;
            default:
                Refuse(in intercept, RefusalReason.UnknownIntercept, 0, 0, inject: true);
                return false;
        }
    }

    private bool OnValueWrite(in Intercept intercept, bool kindMatches)
    {
        int index = kindMatches ? _pins.IndexOf(intercept.Register) : -1;
        if (index < 0)
        {
            Refuse(in intercept, RefusalReason.UnknownRegister, 0, 0, inject: true);
            return false;
        }

        if (!_pins.IsLocked(intercept.Vp))
        {
            Refuse(in intercept, RefusalReason.NotLocked, 0, 0, inject: true);
            return false;
        }

        ulong saved = _pins.Saved(intercept.Vp, index);
        ulong mask = _pins.MaskAt(index);
        if (!_pins.KeepsPinnedBits(intercept.Vp, index, intercept.Value))
        {
            Refuse(in intercept, RefusalReason.PinnedBitsChanged, saved, mask, inject: true);
            return false;
        }

        IVpRegisters regs = _platform.Registers;
        if (regs.ReadRegister(intercept.Vp, VpRegister.Rip, out ulong rip) != BindingStatus.Success
            || regs.WriteRegister(intercept.Vp, intercept.Register, intercept.Value) != BindingStatus.Success
            || regs.WriteRegister(intercept.Vp, VpRegister.Rip, rip + intercept.InstructionLength) != BindingStatus.Success)
        {
            Refuse(in intercept, RefusalReason.ApplyFailed, saved, mask, inject: true);
            return false;
        }

        // Pinned bits are unchanged; remember the unpinned ones too so the log shows the live value.
        _pins.SetSaved(intercept.Vp, index, intercept.Value);
        return true;
    }

    private void Refuse(in Intercept intercept, RefusalReason reason, ulong pinned, ulong mask, bool inject)
    {
        if (inject)
        {
            ExceptionEvent gp = ExceptionEvent.GeneralProtectionFault();
            _platform.Injection.InjectException(intercept.Vp, in gp);
        }

        RefusalRecord r = default;
        r.Reason = reason;
        r.Vp = intercept.Vp;
        r.Kind = intercept.Kind;
        r.Register = intercept.Register;
        r.Msr = intercept.Msr;
        r.AttemptedValue = intercept.Value;
        r.PinnedValue = pinned;
        r.PinnedMask = mask;
        r.Rip = intercept.Rip;
        r.Gpa = intercept.Gpa;
        r.Access = intercept.Access;
        _log.Record(in r);
    }
}
