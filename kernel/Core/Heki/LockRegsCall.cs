using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki;

/// <summary>
/// LOCK_REGS (0x1FFE2, no arguments, issued once per CPU; lvbs-abi.md §1.1, §4). On the calling
/// VP: check the backend can enforce the pins (CR pinning, MSR, descriptor-table and XCR0
/// intercepts, lower-VTL register access and event injection all at level Full, else ENOTSUP), read the
/// current values of the saved registers through <see cref="IVpRegisters"/> (EIO on failure),
/// arm the intercepts with the pinned CR0/CR4 masks through <see cref="IRegisterIntercepts"/>
/// (EIO on failure), and only then record the VP as locked. A VP already locked answers 0 and
/// keeps its original pins. Refused after end of boot with EPERM.
/// </summary>
public sealed class LockRegsCall : IVsmCallHandler
{
    private readonly ISecurePlatform _platform;
    private readonly RegisterPins _pins;
    private readonly VsmBootState _boot;
    private readonly ulong[] _staging = new ulong[RegisterPins.SavedCount];

    /// <summary>Creates the service over shared pins.</summary>
    public LockRegsCall(ISecurePlatform platform, RegisterPins pins, VsmBootState boot)
    {
        _platform = platform;
        _pins = pins;
        _boot = boot;
    }

    /// <inheritdoc />
    public long Handle(in VtlCall call)
    {
        if (_boot.EndOfBoot)
        {
            return HekiErrno.Negative(LinuxErrno.EPERM);
        }

        uint vp = call.Vp;
        if (vp >= (uint)_pins.VpCount)
        {
            return HekiErrno.Negative(LinuxErrno.EINVAL);
        }

        if (!CanEnforce(_platform.Capabilities))
        {
            return HekiErrno.Negative(LinuxErrno.ENOTSUP);
        }

        if (_pins.IsLocked(vp))
        {
            return 0;
        }

        for (int i = 0; i < RegisterPins.SavedCount; i++)
        {
            if (_platform.Registers.ReadRegister(vp, _pins.RegisterAt(i), out ulong value) != BindingStatus.Success)
            {
                return HekiErrno.Negative(LinuxErrno.EIO);
            }

            _staging[i] = value;
        }

        InterceptConfiguration configuration = default;
        configuration.Set = RegisterPins.Intercepts;
        configuration.Cr0Mask = RegisterPins.Cr0Mask;
        configuration.Cr4Mask = RegisterPins.Cr4Mask;
        if (_platform.Intercepts.ArmIntercepts(vp, in configuration) != BindingStatus.Success)
        {
            return HekiErrno.Negative(LinuxErrno.EIO);
        }

        for (int i = 0; i < RegisterPins.SavedCount; i++)
        {
            _pins.SetSaved(vp, i, _staging[i]);
        }

        _pins.MarkLocked(vp);
        return 0;
    }

    /// <summary>
    /// True when the backend can pin the registers for real: trap-before-write CR, MSR,
    /// descriptor-table and XSETBV intercepts, plus reading/writing VTL0 registers and injecting #GP, all at
    /// level Full. An Approximate intercept (one that fires after the write, or misses some
    /// path) would let LOCK_REGS report a lock it cannot keep, so it is refused.
    /// </summary>
    public static bool CanEnforce(BackendCapabilities capabilities)
    {
        return capabilities.Require(Capability.ControlRegisterPinning, CapabilityLevel.Full) == BindingStatus.Success
            && capabilities.Require(Capability.MsrWriteIntercept, CapabilityLevel.Full) == BindingStatus.Success
            && capabilities.Require(Capability.DescriptorTableIntercept, CapabilityLevel.Full) == BindingStatus.Success
            && capabilities.Require(Capability.LowerVpRegisters, CapabilityLevel.Full) == BindingStatus.Success
            && capabilities.Require(Capability.EventInjection, CapabilityLevel.Full) == BindingStatus.Success
            && capabilities.Require(Capability.Xcr0Intercept, CapabilityLevel.Full) == BindingStatus.Success;
    }
}
