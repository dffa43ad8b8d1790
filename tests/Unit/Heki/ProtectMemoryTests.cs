using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Kernel.Heki;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Heki;

/// <summary>PROTECT_MEMORY policy: mapping, W^X, seals, capabilities, all-or-nothing.</summary>
public class ProtectMemoryTests
{
    private const ulong ListPa = 0x20_0000;
    private const ulong Text = 0x40_0000;
    private const ulong R = (ulong)MemAttr.Read;
    private const ulong RX = (ulong)(MemAttr.Read | MemAttr.Exec);
    private const ulong RW = (ulong)(MemAttr.Read | MemAttr.Write);
    private const ulong Imm = (ulong)MemAttr.Immutable;

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

    private long Protect(params HekiRange[] ranges)
    {
        ChainBuilder.WriteChain(_m, ListPa, ranges);
        return _d.Dispatch(new VtlCall { FunctionId = (ulong)VtlCallFunction.ProtectMemory, Arg1 = ListPa, Arg2 = (ulong)ranges.Length });
    }

    private VtlPermissions At(ulong pa) => _m.Vtl0Permissions.Get(pa >> 12);

    [TestCase(R, VtlPermissions.Read | VtlPermissions.UserExecute)]
    [TestCase(RX, VtlPermissions.Read | VtlPermissions.KernelExecute | VtlPermissions.UserExecute)]
    [TestCase(RW, VtlPermissions.Read | VtlPermissions.Write | VtlPermissions.UserExecute)]
    [TestCase(R | Imm, VtlPermissions.Read | VtlPermissions.UserExecute)]
    [TestCase(0UL, VtlPermissions.None)]
    public void AttributesMapAsLvbsDoes(ulong attributes, VtlPermissions expected)
    {
        Assert.That(Protect(ChainBuilder.Range(Text, 0x2000, attributes)), Is.Zero);
        Assert.That(At(Text), Is.EqualTo(expected));
        Assert.That(At(Text + 0x1000), Is.EqualTo(expected));
        Assert.That(At(Text + 0x2000), Is.EqualTo(VtlPermissions.All));
    }

    [TestCase((ulong)(MemAttr.Read | MemAttr.Write | MemAttr.Exec))]
    [TestCase((ulong)(MemAttr.Write | MemAttr.Exec))]
    [TestCase((ulong)MemAttr.Write)]
    [TestCase((ulong)MemAttr.Exec)]
    public void WriteWithExecuteOrWithoutReadIsRefusedAndNothingChanges(ulong attributes)
    {
        long r = Protect(ChainBuilder.Range(Text + 0x1000, 0x1000, R), ChainBuilder.Range(Text, 0x1000, attributes));
        Assert.That(r, Is.EqualTo(-(long)LinuxErrno.EINVAL));
        Assert.That(At(Text + 0x1000), Is.EqualTo(VtlPermissions.All), "the valid first range was not applied");
        Assert.That(_p.ProtectionCalls, Is.Zero);
    }

    [Test]
    public void ReadOnlyOrExecutablePagesNeverBecomeWritableAgain()
    {
        Assert.That(Protect(ChainBuilder.Range(Text, 0x1000, RX), ChainBuilder.Range(Text + 0x1000, 0x1000, R)), Is.Zero);
        Assert.That(Protect(ChainBuilder.Range(Text, 0x1000, RW)), Is.EqualTo(-(long)LinuxErrno.EACCES));
        Assert.That(Protect(ChainBuilder.Range(Text + 0x1000, 0x1000, RW)), Is.EqualTo(-(long)LinuxErrno.EACCES));
        Assert.That(At(Text), Is.EqualTo(VtlPermissions.Read | VtlPermissions.KernelExecute | VtlPermissions.UserExecute));
        Assert.That(_d.Seals.IsWriteSealed(Text >> 12), Is.True);
        // Not immutable: a non-writable change is still allowed.
        Assert.That(Protect(ChainBuilder.Range(Text + 0x1000, 0x1000, RX)), Is.Zero);
    }

    [Test]
    public void WritablePagesMayBeNarrowedLater()
    {
        Assert.That(Protect(ChainBuilder.Range(Text, 0x1000, RW)), Is.Zero);
        Assert.That(Protect(ChainBuilder.Range(Text, 0x1000, R)), Is.Zero);
        Assert.That(At(Text), Is.EqualTo(VtlPermissions.Read | VtlPermissions.UserExecute));
    }

    [Test]
    public void ImmutablePagesMayOnlyKeepOrNarrowTheirPermission()
    {
        Assert.That(Protect(ChainBuilder.Range(Text, 0x1000, R | Imm)), Is.Zero);
        Assert.That(_d.Seals.IsImmutable(Text >> 12), Is.True);
        Assert.That(Protect(ChainBuilder.Range(Text, 0x1000, RX)), Is.EqualTo(-(long)LinuxErrno.EACCES), "adding kernel execute widens");
        Assert.That(Protect(ChainBuilder.Range(Text, 0x1000, R)), Is.Zero, "same permission");
        Assert.That(Protect(ChainBuilder.Range(Text, 0x1000, 0)), Is.Zero, "narrower");
        Assert.That(Protect(ChainBuilder.Range(Text, 0x1000, R)), Is.EqualTo(-(long)LinuxErrno.EACCES), "cannot widen back");
    }

    [Test]
    public void APageNamedTwiceInOneCallIsRefused()
    {
        long r = Protect(ChainBuilder.Range(Text, 0x2000, RW), ChainBuilder.Range(Text + 0x1000, 0x1000, R));
        Assert.That(r, Is.EqualTo(-(long)LinuxErrno.EINVAL));
        Assert.That(At(Text), Is.EqualTo(VtlPermissions.All));
        // The stamp is per call: the same page in the next call is fine.
        Assert.That(Protect(ChainBuilder.Range(Text + 0x1000, 0x1000, R)), Is.Zero);
    }

    [Test]
    public void RangesOverlappingTheSecureKernelAreRefused()
    {
        ulong vtl1 = _m.Options.Vtl1Base;
        Assert.That(Protect(ChainBuilder.Range(vtl1 - 0x1000, 0x2000, R)), Is.EqualTo(-(long)LinuxErrno.EINVAL));
        Assert.That(At(vtl1 - 0x1000), Is.EqualTo(VtlPermissions.All));
    }

    [Test]
    public void WithoutAFullExecuteSplitReadOnlyIsNarrowedNeverWidened()
    {
        _p.SetCapability(Capability.ExecuteSplit, CapabilityLevel.Approximate);
        // READ asks for R+UX; with one execute bit the kernel grants R only (narrower), never KX.
        Assert.That(Protect(ChainBuilder.Range(Text, 0x1000, R)), Is.Zero);
        Assert.That(At(Text), Is.EqualTo(VtlPermissions.Read));
        // R+X is KX == UX: enforceable without the split, granted as asked.
        Assert.That(Protect(ChainBuilder.Range(Text + 0x1000, 0x1000, RX)), Is.Zero);
        Assert.That(At(Text + 0x1000), Is.EqualTo(VtlPermissions.Read | VtlPermissions.KernelExecute | VtlPermissions.UserExecute));
    }

    [Test]
    public void WithoutFullPageProtectionEverythingIsRefused()
    {
        _p.SetCapability(Capability.PageProtection, CapabilityLevel.Approximate);
        Assert.That(Protect(ChainBuilder.Range(Text, 0x1000, RX)), Is.EqualTo(-(long)LinuxErrno.ENOTSUP));
        Assert.That(_p.ProtectionCalls, Is.Zero);
    }

    [Test]
    public void BackendFailureWhileApplyingIsEio()
    {
        _p.FailProtectionCall = 2;
        long r = Protect(ChainBuilder.Range(Text, 0x1000, R), ChainBuilder.Range(Text + 0x1000, 0x1000, R));
        Assert.That(r, Is.EqualTo(-(long)LinuxErrno.EIO));
        Assert.That(_d.Seals.IsWriteSealed(Text >> 12), Is.True, "the applied range is recorded");
        Assert.That(_d.Seals.IsWriteSealed((Text >> 12) + 1), Is.False, "the failed one is not");
    }

    [Test]
    public void RefusedAfterEndOfBootEvenWhenCalledDirectly()
    {
        var boot = new VsmBootState();
        var reader = new HekiChainReader(_p.Memory, _m.Options.Vtl1Base, _m.Options.Vtl1Base + _m.Options.Vtl1Size, _m.Options.RamSize, 2);
        var call = new ProtectMemoryCall(_p, reader, new PageSealTable(_m.Options.RamSize >> 12), boot);
        ChainBuilder.WriteChain(_m, ListPa, new[] { ChainBuilder.Range(Text, 0x1000, R) });
        var c = new VtlCall { FunctionId = (ulong)VtlCallFunction.ProtectMemory, Arg1 = ListPa, Arg2 = 1 };
        Assert.That(boot.TrySignalEndOfBoot(), Is.True);
        Assert.That(call.Handle(in c), Is.EqualTo(-(long)LinuxErrno.EPERM));
        Assert.That(_p.ProtectionCalls, Is.Zero);
    }

    [Test]
    public void ChainErrorsBecomeTheirErrno()
    {
        ChainBuilder.WriteChain(_m, ListPa, new[] { ChainBuilder.Range(Text, 0x1000, R) });
        long Call(ulong pa, ulong n) => _d.Dispatch(new VtlCall { FunctionId = (ulong)VtlCallFunction.ProtectMemory, Arg1 = pa, Arg2 = n });
        Assert.That(Call(ListPa + 8, 1), Is.EqualTo(-(long)LinuxErrno.EFAULT));
        Assert.That(Call(ListPa, 2), Is.EqualTo(-(long)LinuxErrno.EINVAL));
        Assert.That(Call(ListPa, 100_000), Is.EqualTo(-(long)LinuxErrno.ERANGE));
        Assert.That(_p.ProtectionCalls, Is.Zero);
    }
}
