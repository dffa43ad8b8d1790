using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Kernel.Heki;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Heki;

/// <summary>LOCK_REGS (lvbs-abi.md §4): masks, saved values, capability checks, intercept decisions, refusal log.</summary>
public class RegisterLockTests
{
    private const ulong Cr0Wp = 1UL << 16;
    private const ulong Cr4Smep = 1UL << 20;

    private SimulatedMachine _m = null!;
    private TestPlatform _p = null!;
    private VsmDispatcher _d = null!;

    [SetUp]
    public void SetUp()
    {
        _m = new SimulatedMachine(new SimulatedMachineOptions());
        _p = new TestPlatform(_m);
        _d = new VsmDispatcher(_p, VsmDispatcherTests.OptionsFor(_m));
    }

    private long Lock(uint vp = 0) => _d.Dispatch(new VtlCall { Vp = vp, FunctionId = (ulong)VtlCallFunction.LockRegs });

    private void Intercept(InterceptKind kind, VpRegister reg, ulong value, uint msr = 0, uint vp = 0)
    {
        VtlEntry e = default;
        e.Reason = VtlEntryReason.Intercept;
        e.Vp = vp;
        e.Intercept = new Intercept { Vp = vp, Kind = kind, Register = reg, Value = value, Msr = msr, InstructionLength = 3, Rip = 0x1000 };
        Assert.That(_d.OnEntry(in e), Is.Zero);
    }

    private ExceptionEvent? TakePending(int vp = 0)
    {
        ExceptionEvent? e = _m.Vcpu(vp).PendingException;
        return e;
    }

    [Test]
    public void Cr0PinsPeWpPg()
    {
        Assert.That(RegisterPins.Cr0Mask, Is.EqualTo(0x8001_0001UL));
    }

    [TestCase(20, true, "SMEP")]
    [TestCase(21, true, "SMAP")]
    [TestCase(11, true, "UMIP")]
    [TestCase(22, true, "PKE")]
    [TestCase(16, true, "FSGSBASE")]
    [TestCase(17, true, "PCIDE")]
    [TestCase(18, true, "OSXSAVE")]
    [TestCase(12, true, "LA57")]
    [TestCase(23, true, "CET")]
    [TestCase(5, true, "PAE")]
    [TestCase(7, false, "PGE")]
    [TestCase(2, false, "TSD")]
    [TestCase(6, false, "MCE")]
    [TestCase(8, false, "PCE")]
    [TestCase(13, false, "VMXE")]
    public void Cr4PinsSecurityBitsAndLeavesRuntimeToggles(int bit, bool pinned, string name)
    {
        Assert.That((RegisterPins.Cr4Mask & (1UL << bit)) != 0, Is.EqualTo(pinned), name);
    }

    [Test]
    public void LockReadsTheCurrentValuesAndArmsTheFullSet()
    {
        ulong lstar = 0xFFFF_FFFF_8100_0000;
        Assert.That(_m.WriteRegister(0, VpRegister.Lstar, lstar), Is.EqualTo(BindingStatus.Success));
        Assert.That(Lock(), Is.Zero);
        InterceptConfiguration c = _m.Vcpu(0).Intercepts;
        Assert.That(c.Set, Is.EqualTo(InterceptSet.LvbsLockRegs | InterceptSet.Xcr0Write));
        Assert.That(c.Cr0Mask, Is.EqualTo(RegisterPins.Cr0Mask));
        Assert.That(c.Cr4Mask, Is.EqualTo(RegisterPins.Cr4Mask));
        Assert.That(_d.Pins.IsLocked(0), Is.True);
        Assert.That(_d.Pins.IsLocked(1), Is.False);
        Assert.That(_d.Pins.Saved(0, _d.Pins.IndexOf(VpRegister.Lstar)), Is.EqualTo(lstar));
        Assert.That(_d.Pins.Saved(0, _d.Pins.IndexOf(VpRegister.Cr0)), Is.EqualTo(_m.Vcpu(0).Get(VpRegister.Cr0)));
        Assert.That(_d.Pins.IndexOf(VpRegister.Sfmask), Is.GreaterThanOrEqualTo(0));
        Assert.That(_d.Pins.Saved(0, _d.Pins.IndexOf(VpRegister.Xcr0)), Is.EqualTo(_m.Vcpu(0).Get(VpRegister.Xcr0)));
    }

    [Test]
    public void SecondLockKeepsTheOriginalPins()
    {
        Assert.That(Lock(), Is.Zero);
        ulong cr0 = _d.Pins.Saved(0, 0);
        _m.WriteRegister(0, VpRegister.Cr0, cr0 & ~Cr0Wp);
        Assert.That(Lock(), Is.Zero);
        Assert.That(_d.Pins.Saved(0, 0), Is.EqualTo(cr0));
        Assert.That(_p.ArmCalls, Is.EqualTo(1));
    }

    [TestCase(Capability.ControlRegisterPinning)]
    [TestCase(Capability.MsrWriteIntercept)]
    [TestCase(Capability.DescriptorTableIntercept)]
    [TestCase(Capability.LowerVpRegisters)]
    [TestCase(Capability.EventInjection)]
    [TestCase(Capability.Xcr0Intercept)]
    public void ABackendThatCannotPinIsRefused(Capability capability)
    {
        _p.SetCapability(capability, CapabilityLevel.Approximate);
        Assert.That(Lock(), Is.EqualTo(-(long)LinuxErrno.ENOTSUP));
        Assert.That(_p.ArmCalls, Is.Zero);
        Assert.That(_d.Pins.IsLocked(0), Is.False);
    }

    [Test]
    public void BadVpIsInvalidAndAfterEndOfBootIsRefused()
    {
        Assert.That(Lock(vp: 7), Is.EqualTo(-(long)LinuxErrno.EINVAL));
        _d.Dispatch(new VtlCall { FunctionId = (ulong)VtlCallFunction.SignalEndOfBoot });
        Assert.That(Lock(), Is.EqualTo(-(long)LinuxErrno.EPERM));
        Assert.That(_p.ArmCalls, Is.Zero);
    }

    [Test]
    public void ClearingCr0WpIsRefusedWithGpAndLogged()
    {
        Assert.That(Lock(), Is.Zero);
        ulong cr0 = _m.Vcpu(0).Get(VpRegister.Cr0);
        Intercept(InterceptKind.ControlRegisterWrite, VpRegister.Cr0, cr0 & ~Cr0Wp);
        Assert.That(TakePending()?.Vector, Is.EqualTo(ExceptionEvent.GeneralProtection));
        Assert.That(_m.Vcpu(0).Get(VpRegister.Cr0), Is.EqualTo(cr0));
        Assert.That(_d.Refusals.TryGetLatest(out RefusalRecord r), Is.True);
        Assert.That(r.Reason, Is.EqualTo(RefusalReason.PinnedBitsChanged));
        Assert.That(r.Register, Is.EqualTo(VpRegister.Cr0));
        Assert.That(r.AttemptedValue, Is.EqualTo(cr0 & ~Cr0Wp));
        Assert.That(r.PinnedValue, Is.EqualTo(cr0));
        Assert.That(r.PinnedMask, Is.EqualTo(RegisterPins.Cr0Mask));
    }

    [Test]
    public void WriteKeepingPinnedBitsIsAppliedAndRipAdvances()
    {
        Assert.That(Lock(), Is.Zero);
        ulong cr4 = _m.Vcpu(0).Get(VpRegister.Cr4);
        ulong rip = _m.Vcpu(0).Get(VpRegister.Rip);
        Intercept(InterceptKind.ControlRegisterWrite, VpRegister.Cr4, cr4 ^ 0x80);
        Assert.That(TakePending(), Is.Null);
        Assert.That(_m.Vcpu(0).Get(VpRegister.Cr4), Is.EqualTo(cr4 ^ 0x80));
        Assert.That(_m.Vcpu(0).Get(VpRegister.Rip), Is.EqualTo(rip + 3));
        Intercept(InterceptKind.ControlRegisterWrite, VpRegister.Cr4, cr4 & ~Cr4Smep);
        Assert.That(TakePending()?.Vector, Is.EqualTo(ExceptionEvent.GeneralProtection));
        Assert.That(_d.Refusals.Total, Is.EqualTo(1));
    }

    [Test]
    public void MsrsAllowOnlyTheIdenticalValueAndMatchingIndex()
    {
        Assert.That(Lock(), Is.Zero);
        ulong lstar = _m.Vcpu(0).Get(VpRegister.Lstar);
        Intercept(InterceptKind.MsrWrite, VpRegister.Lstar, lstar, 0xC000_0082);
        Assert.That(TakePending(), Is.Null);
        Intercept(InterceptKind.MsrWrite, VpRegister.Lstar, lstar + 1, 0xC000_0082);
        Assert.That(TakePending()?.Vector, Is.EqualTo(ExceptionEvent.GeneralProtection));
        Intercept(InterceptKind.MsrWrite, VpRegister.Sfmask, 0, 0x84);
        Assert.That(_d.Refusals.TryGetLatest(out RefusalRecord r) && r.Reason == RefusalReason.MsrMismatch, Is.True, "SFMASK is 0xC0000084");
        Intercept(InterceptKind.MsrWrite, VpRegister.Sfmask, _m.Vcpu(0).Get(VpRegister.Sfmask), 0xC000_0084);
        Assert.That(_d.Refusals.Total, Is.EqualTo(2));
    }

    [Test]
    public void Xcr0IsPinnedWholeThroughTheSimulatedXsetbv()
    {
        _m.Vtl1 = _d;
        Assert.That(Lock(), Is.Zero);
        ulong xcr0 = _m.Vcpu(0).Get(VpRegister.Xcr0);
        Vtl0Processor cpu = _m.Vtl0(0);
        ulong rip = _m.Vcpu(0).Get(VpRegister.Rip);

        // Rewriting the same value is allowed and applied (RIP past the 3-byte XSETBV).
        Assert.That(cpu.Xsetbv(0, xcr0), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_m.Vcpu(0).Get(VpRegister.Rip), Is.EqualTo(rip + 3));
        Assert.That(_d.Refusals.Total, Is.Zero);

        // Adding AVX-512 state (bits 5-7) or dropping AVX (bit 2): refused with #GP, value unchanged, logged.
        Assert.That(cpu.Xsetbv(0, xcr0 | 0xE0), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(cpu.LastException?.Vector, Is.EqualTo(ExceptionEvent.GeneralProtection));
        Assert.That(_d.Refusals.TryGetLatest(out RefusalRecord r), Is.True);
        Assert.That(r.Reason, Is.EqualTo(RefusalReason.PinnedBitsChanged));
        Assert.That(r.Kind, Is.EqualTo(InterceptKind.XcrWrite));
        Assert.That(r.Register, Is.EqualTo(VpRegister.Xcr0));
        Assert.That(r.AttemptedValue, Is.EqualTo(xcr0 | 0xE0));
        Assert.That(r.PinnedValue, Is.EqualTo(xcr0));
        Assert.That(r.PinnedMask, Is.EqualTo(ulong.MaxValue));
        Assert.That(cpu.Xsetbv(0, xcr0 & ~4UL), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_m.Vcpu(0).Get(VpRegister.Xcr0), Is.EqualTo(xcr0));

        // An XCR other than XCR0 is refused even with the pinned value.
        Assert.That(cpu.Xsetbv(1, xcr0), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_d.Refusals.TryGetLatest(out r) && r.Reason == RefusalReason.MsrMismatch && r.Msr == 1, Is.True);
        Assert.That(_d.Refusals.Total, Is.EqualTo(3));
    }

    [Test]
    public void XsetbvBeforeTheLockIsNotIntercepted()
    {
        _m.Vtl1 = _d;
        Assert.That(_m.Vtl0(0).Xsetbv(0, 0x3), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_m.Vcpu(0).Get(VpRegister.Xcr0), Is.EqualTo(0x3UL));
        Assert.That(_m.InterceptLog, Is.Empty);
        Assert.That(Lock(), Is.Zero);
        Assert.That(_d.Pins.Saved(0, _d.Pins.IndexOf(VpRegister.Xcr0)), Is.EqualTo(0x3UL));
    }

    [TestCase(VpRegister.GdtrBase)]
    [TestCase(VpRegister.IdtrBase)]
    [TestCase(VpRegister.LdtrSelector)]
    [TestCase(VpRegister.TrSelector)]
    public void DescriptorTableLoadsAreAlwaysRefused(VpRegister reg)
    {
        Assert.That(Lock(), Is.Zero);
        Intercept(InterceptKind.DescriptorTableWrite, reg, _m.Vcpu(0).Get(reg));
        Assert.That(TakePending()?.Vector, Is.EqualTo(ExceptionEvent.GeneralProtection));
        Assert.That(_d.Refusals.TryGetLatest(out RefusalRecord r) && r.Reason == RefusalReason.DescriptorTableLocked, Is.True);
    }

    [Test]
    public void InterceptsOnUnlockedOrUnknownStateFailClosed()
    {
        Intercept(InterceptKind.ControlRegisterWrite, VpRegister.Cr0, _m.Vcpu(1).Get(VpRegister.Cr0), vp: 1);
        Assert.That(TakePending(1)?.Vector, Is.EqualTo(ExceptionEvent.GeneralProtection));
        Assert.That(_d.Refusals.TryGetLatest(out RefusalRecord r) && r.Reason == RefusalReason.NotLocked, Is.True);

        Assert.That(Lock(), Is.Zero);
        Intercept(InterceptKind.ControlRegisterWrite, VpRegister.Efer, 0);
        Assert.That(_d.Refusals.TryGetLatest(out r) && r.Reason == RefusalReason.UnknownRegister, Is.True);
        Intercept((InterceptKind)99, VpRegister.Cr0, 0);
        Assert.That(_d.Refusals.TryGetLatest(out r) && r.Reason == RefusalReason.UnknownIntercept, Is.True);
        Intercept(InterceptKind.GpaAccess, VpRegister.Rax, 0);
        Assert.That(_d.Refusals.TryGetLatest(out r) && r.Reason == RefusalReason.MemoryAccessDenied, Is.True);
        Intercept(InterceptKind.ControlRegisterWrite, VpRegister.Cr0, 0, vp: 9);
        Assert.That(_d.Refusals.TryGetLatest(out r) && r.Reason == RefusalReason.BadVp, Is.True);
    }

    [Test]
    public void RefusalLogIsAFixedRing()
    {
        Assert.That(Lock(), Is.Zero);
        for (int i = 0; i < 10; i++)
        {
            Intercept(InterceptKind.DescriptorTableWrite, VpRegister.TrSelector, (ulong)i);
        }

        RefusalLog log = _d.Refusals;
        Assert.That(log.Capacity, Is.EqualTo(4));
        Assert.That(log.Count, Is.EqualTo(4));
        Assert.That(log.Total, Is.EqualTo(10));
        Assert.That(log.TryGet(0, out RefusalRecord oldest), Is.True);
        Assert.That(oldest.Sequence, Is.EqualTo(6));
        Assert.That(oldest.AttemptedValue, Is.EqualTo(6));
        Assert.That(log.TryGet(3, out RefusalRecord newest) && newest.AttemptedValue == 9, Is.True);
        Assert.That(log.TryGet(4, out _), Is.False);
        Assert.That(log.TryGet(-1, out _), Is.False);
    }
}
