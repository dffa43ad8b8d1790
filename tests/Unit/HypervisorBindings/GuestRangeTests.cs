using Lvbs.Hypervisor.Abstractions;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings;

public class GuestRangeTests
{
    private const ulong Ram = 0x10_0000;
    private const ulong HiStart = 0x8_0000;
    private const ulong HiEnd = 0xA_0000;

    [TestCase(0x1000UL, 0x1000UL, 0x1000UL, BindingStatus.Success)]
    [TestCase(0x1001UL, 0x10UL, 1UL, BindingStatus.Success)]
    [TestCase(0x1001UL, 0x10UL, 8UL, BindingStatus.Unaligned)]
    [TestCase(0x1000UL, 0x10UL, 3UL, BindingStatus.Unaligned)]
    [TestCase(0x1000UL, 0x10UL, 0UL, BindingStatus.Unaligned)]
    [TestCase(0xF_F000UL, 0x1000UL, 1UL, BindingStatus.Success)]
    [TestCase(0xF_F000UL, 0x1001UL, 1UL, BindingStatus.OutOfRange)]
    [TestCase(ulong.MaxValue - 1, 4UL, 1UL, BindingStatus.OutOfRange)]
    [TestCase(0x7_F000UL, 0x1001UL, 1UL, BindingStatus.HigherVtlMemory)]
    [TestCase(0x9_FFFFUL, 1UL, 1UL, BindingStatus.HigherVtlMemory)]
    [TestCase(0xA_0000UL, 1UL, 1UL, BindingStatus.Success)]
    [TestCase(0x7_F000UL, 0x1000UL, 1UL, BindingStatus.Success)]
    public void Check(ulong gpa, ulong len, ulong align, BindingStatus expected)
    {
        Assert.That(GuestRange.Check(gpa, len, align, Ram, HiStart, HiEnd), Is.EqualTo(expected));
    }

    [TestCase(0UL, 0x80UL, BindingStatus.Success)]
    [TestCase(0x7FUL, 2UL, BindingStatus.HigherVtlMemory)]
    [TestCase(0xFFUL, 2UL, BindingStatus.OutOfRange)]
    [TestCase(ulong.MaxValue, 1UL, BindingStatus.OutOfRange)]
    [TestCase(0xF_FFFF_FFFF_FFFFUL, 2UL, BindingStatus.OutOfRange)]
    public void CheckPages(ulong pfn, ulong count, BindingStatus expected)
    {
        Assert.That(GuestRange.CheckPages(pfn, count, Ram, HiStart, HiEnd), Is.EqualTo(expected));
    }
}
