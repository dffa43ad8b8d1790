using System;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Simulated;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings;

/// <summary>The simulated platform enforces what it claims and rejects malformed VTL1 requests.</summary>
public class SimulatedMachineTests
{
    private const ulong Vtl1Base = 48UL << 20;
    private SimulatedMachine _m = null!;

    [SetUp]
    public void SetUp() => _m = new SimulatedMachine(new SimulatedMachineOptions());

    [Test]
    public void WriteToReadOnlyPageFaultsAndLeavesMemoryUnchanged()
    {
        Assert.That(_m.Vtl0(0).Write(0x5000, new byte[] { 1, 2, 3 }), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_m.SetLowerVtlPermissions(5, 1, VtlPermissions.Read | VtlPermissions.UserExecute), Is.EqualTo(BindingStatus.Success));
        Assert.That(_m.Vtl0(0).Write(0x5001, new byte[] { 9 }), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_m.Vtl0(0).LastException!.Value.Vector, Is.EqualTo(13));
        byte[] b = new byte[3];
        Assert.That(_m.Vtl0(0).Read(0x5000, b), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(b, Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(_m.InterceptLog, Has.Count.EqualTo(1));
        Assert.That(_m.InterceptLog[0].Kind, Is.EqualTo(InterceptKind.GpaAccess));
        Assert.That(_m.InterceptLog[0].Access, Is.EqualTo(MemoryAccess.Write));
        Assert.That(_m.InterceptLog[0].Gpa, Is.EqualTo(0x5001));
    }

    [Test]
    public void WriteStraddlingIntoReadOnlyPageFaultsWithoutPartialWrite()
    {
        _m.SetLowerVtlPermissions(6, 1, VtlPermissions.Read);
        Assert.That(_m.Vtl0(0).Write(0x5FFE, new byte[] { 7, 7, 7, 7 }), Is.EqualTo(Vtl0Outcome.Faulted));
        byte[] b = new byte[2];
        _m.Ram.Read(0x5FFE, b);
        Assert.That(b, Is.EqualTo(new byte[2]));
        Assert.That(_m.InterceptLog[0].Gpa, Is.EqualTo(0x6000));
    }

    [Test]
    public void ExecuteSplitIsChecked()
    {
        _m.SetLowerVtlPermissions(8, 1, VtlPermissions.Read | VtlPermissions.UserExecute);
        Assert.That(_m.Vtl0(0).Execute(0x8000, 16, userMode: true), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_m.Vtl0(0).Execute(0x8000, 16, userMode: false), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_m.InterceptLog[0].Access, Is.EqualTo(MemoryAccess.KernelExecute));
    }

    [Test]
    public void Vtl0CannotTouchVtl1Region()
    {
        Assert.That(_m.Vtl0(0).Read(Vtl1Base, new byte[8]), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_m.Vtl0(0).Write(Vtl1Base + 0x1000, new byte[8]), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_m.Vtl0(0).Read(_m.Options.RamSize, new byte[1]), Is.EqualTo(Vtl0Outcome.Faulted));
    }

    [Test]
    public void WriteWithKernelExecuteRefusedAndNothingChanged()
    {
        Assert.That(_m.SetLowerVtlPermissions(0x10, 4, VtlPermissions.All), Is.EqualTo(BindingStatus.InvalidPermissions));
        Assert.That(_m.SetLowerVtlPermissions(0x10, 4, VtlPermissions.Read | VtlPermissions.Write | VtlPermissions.KernelExecute | VtlPermissions.UserExecute), Is.EqualTo(BindingStatus.InvalidPermissions));
        Assert.That(_m.Vtl0Permissions.Get(0x10), Is.EqualTo(VtlPermissions.All));
    }

    [Test]
    public void ProtectionRejectsOutOfRangeAndVtl1Overlap()
    {
        ulong ramPages = _m.Options.RamSize >> 12;
        Assert.That(_m.SetLowerVtlPermissions(ramPages, 1, VtlPermissions.Read), Is.EqualTo(BindingStatus.OutOfRange));
        Assert.That(_m.SetLowerVtlPermissions(ramPages - 1, 2, VtlPermissions.Read), Is.EqualTo(BindingStatus.OutOfRange));
        Assert.That(_m.SetLowerVtlPermissions(ulong.MaxValue, 2, VtlPermissions.Read), Is.EqualTo(BindingStatus.OutOfRange));
        Assert.That(_m.SetLowerVtlPermissions((Vtl1Base >> 12) - 1, 2, VtlPermissions.All & ~VtlPermissions.Write), Is.EqualTo(BindingStatus.HigherVtlMemory));
        Assert.That(_m.Vtl0Permissions.Get((Vtl1Base >> 12) - 1), Is.EqualTo(VtlPermissions.All));
        Assert.That(_m.Vtl0Permissions.Get(Vtl1Base >> 12), Is.EqualTo(VtlPermissions.None));
    }

    [Test]
    public void GuestMemoryCopiesAreChecked()
    {
        Assert.That(_m.Write(0x3000, new byte[] { 0xAA }), Is.EqualTo(BindingStatus.Success));
        byte[] one = new byte[1];
        Assert.That(_m.Read(0x3000, one), Is.EqualTo(BindingStatus.Success));
        Assert.That(one[0], Is.EqualTo(0xAA));
        Assert.That(_m.Read(Vtl1Base, one), Is.EqualTo(BindingStatus.HigherVtlMemory));
        Assert.That(_m.Write(Vtl1Base - 1, new byte[2]), Is.EqualTo(BindingStatus.HigherVtlMemory));
        Assert.That(_m.Read(_m.Options.RamSize - 1, new byte[2]), Is.EqualTo(BindingStatus.OutOfRange));
        Assert.That(_m.Read(ulong.MaxValue, one), Is.EqualTo(BindingStatus.OutOfRange));
        byte[] dst = { 0x55, 0x55 };
        Assert.That(_m.Read(Vtl1Base - 1, dst), Is.EqualTo(BindingStatus.HigherVtlMemory));
        Assert.That(dst, Is.EqualTo(new byte[] { 0x55, 0x55 }), "failed copy leaves destination untouched");
    }

    [Test]
    public void ArmedCr0WpClearWithoutVtl1FailsClosed()
    {
        var c = new InterceptConfiguration { Set = InterceptSet.Cr0Write, Cr0Mask = InterceptConfiguration.LvbsCr0Mask };
        Assert.That(_m.ArmIntercepts(0, c), Is.EqualTo(BindingStatus.Success));
        ulong cr0 = _m.Vcpu(0).Get(VpRegister.Cr0);
        Assert.That(_m.Vtl0(0).WriteCr0(cr0 & ~0x10000UL), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_m.Vcpu(0).Get(VpRegister.Cr0), Is.EqualTo(cr0));
        // Bits outside the mask do not trap.
        Assert.That(_m.Vtl0(0).WriteCr0(cr0 ^ 0x20), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_m.Vcpu(0).Get(VpRegister.Cr0), Is.EqualTo(cr0 ^ 0x20));
    }

    [Test]
    public void UnarmedWritesApply()
    {
        Assert.That(_m.Vtl0(1).WriteCr4(0), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_m.Vtl0(1).WriteMsr(0xC000_0082, 0x1234), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_m.Vcpu(1).Get(VpRegister.Lstar), Is.EqualTo(0x1234));
        Assert.That(_m.Vtl0(1).WriteMsr(0xDEAD, 1), Is.EqualTo(Vtl0Outcome.Faulted));
    }

    [Test]
    public void MalformedRegisterAndInjectionRequests()
    {
        Assert.That(_m.ReadRegister(2, VpRegister.Cr0, out _), Is.EqualTo(BindingStatus.InvalidParameter));
        Assert.That(_m.ReadRegister(0, (VpRegister)500, out _), Is.EqualTo(BindingStatus.InvalidParameter));
        Assert.That(_m.WriteRegister(0, (VpRegister)(-1), 0), Is.EqualTo(BindingStatus.InvalidParameter));
        var bad = new ExceptionEvent { Vector = 32 };
        Assert.That(_m.InjectException(0, bad), Is.EqualTo(BindingStatus.InvalidParameter));
        Assert.That(_m.InjectException(7, ExceptionEvent.GeneralProtectionFault()), Is.EqualTo(BindingStatus.InvalidParameter));
        Assert.That(_m.ArmIntercepts(9, default), Is.EqualTo(BindingStatus.InvalidParameter));
        Assert.That(_m.ArmIntercepts(0, new InterceptConfiguration { Set = (InterceptSet)0x8000_0000 }), Is.EqualTo(BindingStatus.InvalidParameter));
    }

    [Test]
    public void StartVpOncePerVp()
    {
        var ctx = new InitialVpContext { Rip = 0x100000, Rflags = 2 };
        Assert.That(_m.Vtl0(1).TryVtlCall(0x1FFE3, 0, 0, 0, out _), Is.False);
        Assert.That(_m.StartVp(0, ctx), Is.EqualTo(BindingStatus.AccessDenied), "BSP already enabled");
        Assert.That(_m.StartVp(1, new InitialVpContext { Rip = 0x100000 }), Is.EqualTo(BindingStatus.InvalidParameter));
        Assert.That(_m.StartVp(5, ctx), Is.EqualTo(BindingStatus.InvalidParameter));
        Assert.That(_m.StartVp(1, ctx), Is.EqualTo(BindingStatus.Success));
        Assert.That(_m.StartVp(1, ctx), Is.EqualTo(BindingStatus.AccessDenied));
        Assert.That(_m.Vtl0(1).TryVtlCall(0x1FFE3, 0, 0, 0, out long r), Is.True);
        Assert.That(r, Is.EqualTo(-38), "no VTL1 handler attached");
    }

    [Test]
    public void BadShapeRejected()
    {
        Assert.Throws<ArgumentException>(() => _ = new SimulatedMachine(new SimulatedMachineOptions { RamSize = 0x1000, Vtl1Base = 0, Vtl1Size = 0x2000 }));
        Assert.Throws<ArgumentException>(() => _ = new SimulatedMachine(new SimulatedMachineOptions { RamSize = 0x1001 }));
    }
}
