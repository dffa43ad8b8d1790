using System.Buffers.Binary;
using System.Collections.Generic;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Hypervisor.Simulated.Vtl0;
using Lvbs.Kernel.Heki;
using NUnit.Framework;

namespace Lvbs.Tests.Integration.Heki;

/// <summary>
/// heki_late_init against the real VSM dispatcher on the simulated platform: the VTL0 driver
/// builds heki page lists in guest memory and issues VTL calls; VTL0 then misbehaves and is
/// stopped by the protections and pins the dispatcher set up.
/// </summary>
public class VsmDispatcherFlowTests
{
    private const ulong ScratchBase = 0x20_0000;
    private const ulong KernelText = 0x100_0000;
    private const ulong KernelRodata = 0x120_0000;
    private const ulong KernelData = 0x140_0000;
    private const ulong Cr0Wp = 1UL << 16;

    private SimulatedMachine _m = null!;
    private VsmDispatcher _d = null!;
    private HekiVtl0Driver _driver = null!;

    [SetUp]
    public void SetUp()
    {
        _m = new SimulatedMachine(new SimulatedMachineOptions { VpCount = 2 });
        SimulatedMachineOptions o = _m.Options;
        _d = new VsmDispatcher(_m, new VsmDispatcherOptions
        {
            Vtl1Start = o.Vtl1Base,
            Vtl1End = o.Vtl1Base + o.Vtl1Size,
            LowerVtlRamEnd = o.RamSize,
            VpCount = o.VpCount,
        });
        _m.Vtl1 = _d;
        _driver = new HekiVtl0Driver(_m, ScratchBase, 0x10_0000);
        // BOOT_APS is not implemented by the dispatcher yet: bring VP 1's VTL1 up directly.
        var ctx = new InitialVpContext { Rip = 0xFFFF_E200_0010_0000, Rsp = 0xFFFF_E200_0020_0000, Rflags = 2 };
        Assert.That(_m.StartVp(1, in ctx), Is.EqualTo(BindingStatus.Success));
    }

    private void Boot()
    {
        var ranges = new List<HekiRange>();
        ranges.AddRange(HekiVtl0Driver.RangesFor(KernelText, 0x8000, (ulong)(MemAttr.Read | MemAttr.Exec | MemAttr.Immutable)));
        ranges.AddRange(HekiVtl0Driver.RangesFor(KernelRodata, 0x4000, (ulong)(MemAttr.Read | MemAttr.Immutable)));
        ranges.AddRange(HekiVtl0Driver.RangesFor(KernelData, 0x4000, (ulong)(MemAttr.Read | MemAttr.Write)));
        Assert.That(_m.Vtl0(0).Write(KernelText, new byte[] { 0x90, 0xC3 }), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_driver.LockRegs(), Is.Zero);
        Assert.That(_driver.ProtectMemory(ranges.ToArray()), Is.Zero);
        Assert.That(_driver.SignalEndOfBoot(), Is.Zero);
        Assert.That(_d.EndOfBoot, Is.True);
    }

    [Test]
    public void KernelTextIsExecutableButNotWritable()
    {
        Boot();
        Assert.That(_m.Vtl0(0).Execute(KernelText, 2, userMode: false), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_m.Vtl0(0).Write(KernelText + 1, new byte[] { 0xCC }), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_m.Vtl0(0).LastException!.Value.Vector, Is.EqualTo(ExceptionEvent.GeneralProtection));
        Assert.That(_d.Refusals.TryGetLatest(out RefusalRecord r), Is.True);
        Assert.That(r.Reason, Is.EqualTo(RefusalReason.MemoryAccessDenied));
        Assert.That(r.Gpa, Is.EqualTo(KernelText + 1));
        byte[] b = new byte[2];
        Assert.That(_m.Vtl0(0).Read(KernelText, b), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(b, Is.EqualTo(new byte[] { 0x90, 0xC3 }));
    }

    [Test]
    public void DataIsWritableButNotKernelExecutableAndRodataIsReadOnly()
    {
        Boot();
        Assert.That(_m.Vtl0(1).Write(KernelData + 0x10, new byte[] { 1 }), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_m.Vtl0(1).Execute(KernelData, 1, userMode: false), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_m.Vtl0(0).Write(KernelRodata, new byte[] { 1 }), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_m.Vtl0(0).Execute(KernelRodata, 1, userMode: true), Is.EqualTo(Vtl0Outcome.Completed), "LVBS leaves readable pages user-executable");
    }

    [Test]
    public void PinnedControlRegisterBitsCannotBeClearedOnAnyVp()
    {
        Boot();
        for (int vp = 0; vp < 2; vp++)
        {
            ulong cr0 = _m.Vcpu(vp).Get(VpRegister.Cr0);
            ulong rip = _m.Vcpu(vp).Get(VpRegister.Rip);
            Assert.That(_m.Vtl0(vp).WriteCr0(cr0 & ~Cr0Wp), Is.EqualTo(Vtl0Outcome.Faulted), "vp " + vp);
            Assert.That(_m.Vtl0(vp).LastException!.Value.Vector, Is.EqualTo(13));
            Assert.That(_m.Vcpu(vp).Get(VpRegister.Cr0), Is.EqualTo(cr0));
            Assert.That(_m.Vcpu(vp).Get(VpRegister.Rip), Is.EqualTo(rip));
            Assert.That(_d.Refusals.TryGetLatest(out RefusalRecord r) && r.Vp == (uint)vp && r.Reason == RefusalReason.PinnedBitsChanged, Is.True);
        }

        ulong cr4 = _m.Vcpu(0).Get(VpRegister.Cr4);
        Assert.That(_m.Vtl0(0).WriteCr4(cr4 & ~(1UL << 20)), Is.EqualTo(Vtl0Outcome.Faulted), "SMEP");
        Assert.That(_m.Vtl0(0).WriteCr4(cr4 & ~(1UL << 21)), Is.EqualTo(Vtl0Outcome.Faulted), "SMAP");
    }

    [Test]
    public void RuntimeCr4TogglesLinuxNeedsStillWork()
    {
        Boot();
        int before = _m.InterceptLog.Count;
        ulong cr4 = _m.Vcpu(0).Get(VpRegister.Cr4);
        Assert.That(_m.Vtl0(0).WriteCr4(cr4 ^ 0x80), Is.EqualTo(Vtl0Outcome.Completed), "PGE: global TLB flush");
        Assert.That(_m.Vtl0(0).WriteCr4(cr4 ^ 0x84), Is.EqualTo(Vtl0Outcome.Completed), "TSD: PR_SET_TSC task switch");
        Assert.That(_m.InterceptLog, Has.Count.EqualTo(before), "unpinned bits do not even trap");
        Assert.That(_d.Refusals.Total, Is.Zero);
    }

    [Test]
    public void MsrsAreFrozenAndSfmaskIsTheRealIndex()
    {
        Boot();
        ulong lstar = _m.Vcpu(0).Get(VpRegister.Lstar);
        ulong rip = _m.Vcpu(0).Get(VpRegister.Rip);
        Assert.That(_m.Vtl0(0).WriteMsr(0xC000_0082, lstar), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_m.Vcpu(0).Get(VpRegister.Rip), Is.EqualTo(rip + Vtl0Processor.WrmsrLength), "VTL1 applied it and advanced RIP");
        Assert.That(_m.Vtl0(0).WriteMsr(0xC000_0082, 0xFFFF_FFFF_DEAD_0000), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_m.Vcpu(0).Get(VpRegister.Lstar), Is.EqualTo(lstar));
        Assert.That(_m.Vtl0(0).WriteMsr(0xC000_0084, 0x4700), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_d.Refusals.TryGetLatest(out RefusalRecord r) && r.Msr == 0xC000_0084, Is.True);
        Assert.That(_m.Vtl0(1).WriteMsr(0xC000_0080, _m.Vcpu(1).Get(VpRegister.Efer) & ~0x800UL), Is.EqualTo(Vtl0Outcome.Faulted), "EFER.NXE");
    }

    [Test]
    public void DescriptorTableLoadsAfterLockFault()
    {
        Boot();
        Assert.That(_m.Vtl0(0).Lidt(0xFFFF_FE00_0000_0000, 0xFFF), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_m.Vtl0(0).Lgdt(0xFFFF_FE00_0000_1000, 0x7F), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_m.Vtl0(1).Lldt(0x30), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_m.Vtl0(1).Ltr(0x40), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_m.Vcpu(0).Get(VpRegister.IdtrBase), Is.Zero);
        Assert.That(_d.Refusals.Total, Is.EqualTo(4));
    }

    [Test]
    public void BootOnlyCallsAreRefusedAfterEndOfBoot()
    {
        Boot();
        HekiRange[] r = HekiVtl0Driver.RangesFor(KernelData, 0x1000, (ulong)MemAttr.Read);
        Assert.That(_driver.ProtectMemory(r), Is.EqualTo(-(long)LinuxErrno.EPERM));
        Assert.That(_driver.LockRegs(), Is.EqualTo(-(long)LinuxErrno.EPERM));
        Assert.That(_driver.LoadKdata(HekiVtl0Driver.RangesFor(KernelData, 0x10, 0)), Is.EqualTo(-(long)LinuxErrno.EPERM));
        Assert.That(_driver.SignalEndOfBoot(), Is.EqualTo(-(long)LinuxErrno.EPERM));
        Assert.That(_m.Vtl0(0).Write(KernelData, new byte[] { 1 }), Is.EqualTo(Vtl0Outcome.Completed));
    }

    [Test]
    public void UnsupportedAndUnknownIdsAnswerEnotsupInR8()
    {
        Assert.That(_m.Vtl0(0).VtlCall(0x1FFEF), Is.EqualTo(-(long)LinuxErrno.ENOTSUP));
        Assert.That(_m.Vcpu(0).Get(VpRegister.R8), Is.EqualTo(unchecked((ulong)-(long)LinuxErrno.ENOTSUP)));
        Assert.That(_driver.Call(0, VtlCallFunction.GenerateIdentitySigningKey, 0), Is.EqualTo(-(long)LinuxErrno.ENOTSUP));
        Assert.That(_m.Vtl0(0).VtlCall((ulong)VtlCallFunction.OpteeMessage, 1), Is.EqualTo(-(long)LinuxErrno.ENOTSUP));
    }

    [Test]
    public void ImmutableTextCannotBeMadeWritableBeforeEndOfBoot()
    {
        HekiRange[] text = HekiVtl0Driver.RangesFor(KernelText, 0x2000, (ulong)(MemAttr.Read | MemAttr.Exec | MemAttr.Immutable));
        Assert.That(_driver.ProtectMemory(text), Is.Zero);
        HekiRange[] rw = HekiVtl0Driver.RangesFor(KernelText, 0x1000, (ulong)(MemAttr.Read | MemAttr.Write));
        Assert.That(_driver.ProtectMemory(rw), Is.EqualTo(-(long)LinuxErrno.EACCES));
        Assert.That(_m.Vtl0(0).Write(KernelText, new byte[] { 0xCC }), Is.EqualTo(Vtl0Outcome.Faulted));
    }

    [Test]
    public void LongListSpansSeveralHekiPages()
    {
        HekiRange[] r = HekiVtl0Driver.RangesFor(0x40_0000, 300 * 0x1000UL, (ulong)MemAttr.Read);
        Assert.That(_driver.ProtectMemory(r), Is.Zero);
        Assert.That(_m.Vtl0Permissions.Get((0x40_0000 >> 12) + 299), Is.EqualTo(VtlPermissions.Read | VtlPermissions.UserExecute));
        Assert.That(_m.Vtl0Permissions.Get((0x40_0000 >> 12) + 300), Is.EqualTo(VtlPermissions.All));
    }

    [Test]
    public void HostilePageListsChangeNothing()
    {
        ulong vtl1 = _m.Options.Vtl1Base;
        Assert.That(_driver.ProtectMemory(HekiVtl0Driver.RangesFor(vtl1 - 0x1000, 0x2000, 1)), Is.EqualTo(-(long)LinuxErrno.EINVAL), "overlaps VTL1");
        Assert.That(_driver.ProtectMemory(new[] { new HekiRange { Pa = 0x40_0800, Epa = 0x40_1800, Attributes = 1 } }), Is.EqualTo(-(long)LinuxErrno.EINVAL), "unaligned");
        Assert.That(_driver.ProtectMemory(HekiVtl0Driver.RangesFor(0x40_0000, 0x1000, 7)), Is.EqualTo(-(long)LinuxErrno.EINVAL), "W+X");

        ulong pa = _driver.BuildPageList(HekiVtl0Driver.RangesFor(0x40_0000, 0x1000, 1));
        Assert.That(_driver.Call(0, VtlCallFunction.ProtectMemory, pa + 8, 1), Is.EqualTo(-(long)LinuxErrno.EFAULT));
        Assert.That(_driver.Call(0, VtlCallFunction.ProtectMemory, vtl1, 1), Is.EqualTo(-(long)LinuxErrno.EFAULT));
        Assert.That(_driver.Call(0, VtlCallFunction.ProtectMemory, pa, 2), Is.EqualTo(-(long)LinuxErrno.EINVAL), "total mismatch");
        Assert.That(_driver.Call(0, VtlCallFunction.ProtectMemory, pa, 0), Is.EqualTo(-(long)LinuxErrno.EINVAL), "total zero");

        byte[] eight = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(eight, pa);
        Assert.That(_m.Vtl0(0).Write(pa + HekiPageHeader.NextPaOffset, eight), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_driver.Call(0, VtlCallFunction.ProtectMemory, pa, 5), Is.EqualTo(-(long)LinuxErrno.EINVAL), "self-loop");
        Assert.That(_m.Vtl0Permissions.Get(0x40_0000 >> 12), Is.EqualTo(VtlPermissions.All));
        Assert.That(_m.Vtl0Permissions.Get((vtl1 >> 12) - 1), Is.EqualTo(VtlPermissions.All));
    }
}
