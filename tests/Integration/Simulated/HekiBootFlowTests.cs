using System;
using System.Collections.Generic;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Hypervisor.Simulated.Vtl0;
using NUnit.Framework;

namespace Lvbs.Tests.Integration.Simulated;

/// <summary>
/// heki_late_init over the simulated platform: LOCK_REGS on every CPU, PROTECT_MEMORY of the
/// kernel image, SIGNAL_END_OF_BOOT; then the normal kernel misbehaves and is stopped.
/// </summary>
public class HekiBootFlowTests
{
    private SimulatedFixture _f = null!;

    private SimulatedMachine M => _f.Machine;

    [SetUp]
    public void SetUp()
    {
        _f = new SimulatedFixture();
        var ranges = new List<HekiRange>();
        ranges.AddRange(HekiVtl0Driver.RangesFor(SimulatedFixture.KernelText, 0x8000, (ulong)(MemAttr.Read | MemAttr.Exec)));
        ranges.AddRange(HekiVtl0Driver.RangesFor(SimulatedFixture.KernelRodata, 0x4000, (ulong)MemAttr.Read));
        ranges.AddRange(HekiVtl0Driver.RangesFor(SimulatedFixture.KernelData, 0x4000, (ulong)(MemAttr.Read | MemAttr.Write)));
        Assert.That(M.Vtl0(0).Write(SimulatedFixture.KernelText, new byte[] { 0x90, 0xC3 }), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_f.Driver.LockRegs(), Is.Zero);
        Assert.That(_f.Driver.ProtectMemory(ranges.ToArray()), Is.Zero);
        Assert.That(_f.Driver.SignalEndOfBoot(), Is.Zero);
    }

    [Test]
    public void KernelTextIsExecutableButNotWritable()
    {
        Assert.That(M.Vtl0(0).Execute(SimulatedFixture.KernelText, 2, userMode: false), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(M.Vtl0(0).Write(SimulatedFixture.KernelText + 1, new byte[] { 0xCC }), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(M.Vtl0(0).LastException!.Value.Vector, Is.EqualTo(ExceptionEvent.GeneralProtection));
        byte[] b = new byte[2];
        Assert.That(M.Vtl0(0).Read(SimulatedFixture.KernelText, b), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(b, Is.EqualTo(new byte[] { 0x90, 0xC3 }));
    }

    [Test]
    public void DataIsWritableButNotKernelExecutable()
    {
        Assert.That(M.Vtl0(1).Write(SimulatedFixture.KernelData + 0x10, new byte[] { 1 }), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(M.Vtl0(1).Execute(SimulatedFixture.KernelData, 1, userMode: false), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(M.Vtl0(0).Write(SimulatedFixture.KernelRodata, new byte[] { 1 }), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(M.InterceptLog[^1].Kind, Is.EqualTo(InterceptKind.GpaAccess));
        Assert.That(M.InterceptLog[^1].Gpa, Is.EqualTo(SimulatedFixture.KernelRodata));
    }

    [Test]
    public void PinnedCr0WpClearIsInterceptedAndRefused()
    {
        const int vp = 0;
        ulong cr0 = M.Vcpu(vp).Get(VpRegister.Cr0);
        ulong rip = M.Vcpu(vp).Get(VpRegister.Rip);
        Assert.That(M.Vtl0(vp).WriteCr0(cr0 & ~0x1_0000UL), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(M.Vtl0(vp).LastException!.Value.Vector, Is.EqualTo(13));
        Assert.That(M.Vcpu(vp).Get(VpRegister.Cr0), Is.EqualTo(cr0));
        Assert.That(M.Vcpu(vp).Get(VpRegister.Rip), Is.EqualTo(rip));
        Assert.That(M.InterceptLog[^1].Kind, Is.EqualTo(InterceptKind.ControlRegisterWrite));
        Assert.That(M.InterceptLog[^1].Register, Is.EqualTo(VpRegister.Cr0));
    }

    [Test]
    public void AllowedInterceptedWriteIsAppliedByVtl1AndRipAdvances()
    {
        // CR4.PGE is not pinned (mask excludes it) so it does not even trap; SMEP is pinned.
        ulong cr4 = M.Vcpu(0).Get(VpRegister.Cr4);
        Assert.That(M.Vtl0(0).WriteCr4(cr4 ^ 0x80), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(M.Vtl0(0).WriteCr4(cr4 & ~0x10_0000UL), Is.EqualTo(Vtl0Outcome.Faulted));

        ulong lstar = M.Vcpu(0).Get(VpRegister.Lstar);
        ulong rip = M.Vcpu(0).Get(VpRegister.Rip);
        int before = M.InterceptLog.Count;
        Assert.That(M.Vtl0(0).WriteMsr(0xC000_0082, lstar), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(M.InterceptLog, Has.Count.EqualTo(before + 1), "same-value MSR write still traps");
        Assert.That(M.Vcpu(0).Get(VpRegister.Rip), Is.EqualTo(rip + Vtl0Processor.WrmsrLength));
        Assert.That(M.Vtl0(0).WriteMsr(0xC000_0082, 0xFFFF_FFFF_8000_0000), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(M.Vcpu(0).Get(VpRegister.Lstar), Is.EqualTo(lstar));
        Assert.That(M.Vtl0(0).WriteMsr(0xC000_0084, 0x4700), Is.EqualTo(Vtl0Outcome.Faulted), "SFMASK is 0xC0000084, not 0x84");
    }

    [Test]
    public void DescriptorTableLoadsAfterLockFault()
    {
        Assert.That(M.Vtl0(0).Lidt(0xFFFF_FE00_0000_0000, 0xFFF), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(M.Vtl0(0).Lgdt(0xFFFF_FE00_0000_1000, 0x7F), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(M.Vtl0(0).Ltr(0x40), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(M.Vcpu(0).Get(VpRegister.IdtrBase), Is.Zero);
    }

    [Test]
    public void BootOnlyCallsRefusedAfterEndOfBoot()
    {
        HekiRange[] r = HekiVtl0Driver.RangesFor(SimulatedFixture.KernelData, 0x1000, (ulong)MemAttr.Read);
        Assert.That(_f.Driver.ProtectMemory(r), Is.EqualTo(-(long)LinuxErrno.EPERM));
        Assert.That(_f.Driver.LockRegs(), Is.EqualTo(-(long)LinuxErrno.EPERM));
        Assert.That(M.Vtl0(0).Write(SimulatedFixture.KernelData, new byte[] { 1 }), Is.EqualTo(Vtl0Outcome.Completed));
    }

    [Test]
    public void UnknownFunctionIdIsNotSupported()
    {
        Assert.That(M.Vtl0(0).VtlCall(0x1FFEF), Is.EqualTo(-(long)LinuxErrno.ENOTSUP));
        Assert.That(M.Vcpu(0).Get(VpRegister.R8), Is.EqualTo(unchecked((ulong)-(long)LinuxErrno.ENOTSUP)), "result is in R8");
        Assert.That(M.Vcpu(0).Get(VpRegister.Rcx), Is.Zero);
    }
}
