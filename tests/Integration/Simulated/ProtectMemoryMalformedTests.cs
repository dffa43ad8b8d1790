using System.Buffers.Binary;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Hypervisor.Simulated.Vtl0;
using NUnit.Framework;

namespace Lvbs.Tests.Integration.Simulated;

/// <summary>PROTECT_MEMORY with hostile page lists: nothing may change, and the answer is an errno.</summary>
public class ProtectMemoryMalformedTests
{
    private SimulatedFixture _f = null!;

    private SimulatedMachine M => _f.Machine;

    [SetUp]
    public void SetUp() => _f = new SimulatedFixture();

    [Test]
    public void LongListSpansSeveralHekiPages()
    {
        HekiRange[] r = HekiVtl0Driver.RangesFor(0x40_0000, 300 * 0x1000UL, (ulong)MemAttr.Read);
        Assert.That(r, Has.Length.EqualTo(300));
        Assert.That(_f.Driver.ProtectMemory(r), Is.Zero);
        Assert.That(M.Vtl0Permissions.Get((0x40_0000 >> 12) + 299), Is.EqualTo(VtlPermissions.Read | VtlPermissions.UserExecute));
        Assert.That(M.Vtl0Permissions.Get((0x40_0000 >> 12) + 300), Is.EqualTo(VtlPermissions.All));
    }

    [Test]
    public void WritableExecutableRefusedAndNothingChanged()
    {
        HekiRange[] ok = HekiVtl0Driver.RangesFor(0x40_0000, 0x1000, (ulong)MemAttr.Read);
        HekiRange[] wx = HekiVtl0Driver.RangesFor(0x41_0000, 0x1000, (ulong)(MemAttr.Read | MemAttr.Write | MemAttr.Exec));
        Assert.That(_f.Driver.ProtectMemory(new[] { ok[0], wx[0] }), Is.EqualTo(-(long)LinuxErrno.EINVAL));
        Assert.That(M.Vtl0Permissions.Get(0x40_0000 >> 12), Is.EqualTo(VtlPermissions.All));
    }

    [Test]
    public void RangeOverlappingVtl1Refused()
    {
        ulong vtl1 = M.Options.Vtl1Base;
        HekiRange[] r = HekiVtl0Driver.RangesFor(vtl1 - 0x1000, 0x2000, (ulong)MemAttr.Read);
        Assert.That(_f.Driver.ProtectMemory(r), Is.EqualTo(-(long)LinuxErrno.EINVAL));
        Assert.That(M.Vtl0Permissions.Get((vtl1 >> 12) - 1), Is.EqualTo(VtlPermissions.All));
    }

    [Test]
    public void OutOfRangeRefused()
    {
        HekiRange[] r = { new HekiRange { Pa = M.Options.RamSize, Epa = M.Options.RamSize + 0x1000, Attributes = 1 } };
        Assert.That(_f.Driver.ProtectMemory(r), Is.EqualTo(-(long)LinuxErrno.EINVAL));
    }

    [Test]
    public void UnalignedRangeRefused()
    {
        HekiRange[] r = { new HekiRange { Pa = 0x40_0800, Epa = 0x40_1800, Attributes = 1 } };
        Assert.That(_f.Driver.ProtectMemory(r), Is.EqualTo(-(long)LinuxErrno.EINVAL));
    }

    [Test]
    public void UnalignedOrVtl1ListAddressIsEfault()
    {
        ulong pa = _f.Driver.BuildPageList(HekiVtl0Driver.RangesFor(0x40_0000, 0x1000, 1));
        Assert.That(_f.Driver.Call(0, VtlCallFunction.ProtectMemory, pa + 8, 1), Is.EqualTo(-(long)LinuxErrno.EFAULT));
        Assert.That(_f.Driver.Call(0, VtlCallFunction.ProtectMemory, M.Options.Vtl1Base, 1), Is.EqualTo(-(long)LinuxErrno.EFAULT));
        Assert.That(_f.Driver.Call(0, VtlCallFunction.ProtectMemory, ulong.MaxValue & ~0xFFFUL, 1), Is.EqualTo(-(long)LinuxErrno.EFAULT));
    }

    [Test]
    public void BadCountsAndCyclesRefused()
    {
        ulong pa = _f.Driver.BuildPageList(HekiVtl0Driver.RangesFor(0x40_0000, 0x1000, 1));
        Assert.That(_f.Driver.Call(0, VtlCallFunction.ProtectMemory, pa, 2), Is.EqualTo(-(long)LinuxErrno.EINVAL), "total mismatch");

        byte[] eight = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(eight, 0);
        M.Vtl0(0).Write(pa + HekiPageHeader.RangeCountOffset, eight);
        Assert.That(_f.Driver.Call(0, VtlCallFunction.ProtectMemory, pa, 0), Is.EqualTo(-(long)LinuxErrno.EINVAL), "nranges 0");

        BinaryPrimitives.WriteUInt64LittleEndian(eight, 1);
        M.Vtl0(0).Write(pa + HekiPageHeader.RangeCountOffset, eight);
        BinaryPrimitives.WriteUInt64LittleEndian(eight, pa);
        M.Vtl0(0).Write(pa + HekiPageHeader.NextPaOffset, eight);
        Assert.That(_f.Driver.Call(0, VtlCallFunction.ProtectMemory, pa, 1), Is.LessThan(0), "self-loop");
        Assert.That(M.Vtl0Permissions.Get(0x40_0000 >> 12), Is.EqualTo(VtlPermissions.All));
    }

    [Test]
    public void UnknownAttributeBitsRefused()
    {
        HekiRange[] r = HekiVtl0Driver.RangesFor(0x40_0000, 0x1000, HekiAttributes.Unknown);
        Assert.That(_f.Driver.ProtectMemory(r), Is.EqualTo(-(long)LinuxErrno.EINVAL));
    }
}
