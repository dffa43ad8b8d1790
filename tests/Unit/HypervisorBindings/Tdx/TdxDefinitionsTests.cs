using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Lvbs.Hypervisor.Tdx.Definitions;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings.Tdx;

/// <summary>Pins TDX constants and layouts to hypervisor-backends.md §1.3.</summary>
public class TdxDefinitionsTests
{
    [Test]
    public void Leaves()
    {
        Assert.That((ulong)TdCallLeaf.VpVmcall, Is.EqualTo(0));
        Assert.That((ulong)TdCallLeaf.VpRd, Is.EqualTo(9));
        Assert.That((ulong)TdCallLeaf.VpWr, Is.EqualTo(10));
        Assert.That((ulong)TdCallLeaf.MemPageAttrRd, Is.EqualTo(23));
        Assert.That((ulong)TdCallLeaf.MemPageAttrWr, Is.EqualTo(24));
        Assert.That((ulong)TdCallLeaf.VpEnter, Is.EqualTo(25));
        Assert.That((ulong)TdCallLeaf.MemPageRelease, Is.EqualTo(30));
        Assert.That((uint)TdxStatus.PageAttrInvalid, Is.EqualTo(0xC0000B11));
        Assert.That((uint)TdxStatus.L2ExitHostRoutedAsync, Is.EqualTo(0x1100));
        Assert.That((uint)TdxStatus.TdExitBeforeL2Entry, Is.EqualTo(0x1140));
    }

    [Test]
    public void GuestStateLayout()
    {
        Assert.That(Unsafe.SizeOf<L2EnterGuestState>(), Is.EqualTo(160));
        Assert.That((int)Marshal.OffsetOf<L2EnterGuestState>(nameof(L2EnterGuestState.Rdi)), Is.EqualTo(56));
        Assert.That((int)Marshal.OffsetOf<L2EnterGuestState>(nameof(L2EnterGuestState.R15)), Is.EqualTo(120));
        Assert.That((int)Marshal.OffsetOf<L2EnterGuestState>(nameof(L2EnterGuestState.Rflags)), Is.EqualTo(128));
        Assert.That((int)Marshal.OffsetOf<L2EnterGuestState>(nameof(L2EnterGuestState.Rip)), Is.EqualTo(136));
        Assert.That((int)Marshal.OffsetOf<L2EnterGuestState>(nameof(L2EnterGuestState.Ssp)), Is.EqualTo(144));
        Assert.That((int)Marshal.OffsetOf<L2EnterGuestState>(nameof(L2EnterGuestState.Svi)), Is.EqualTo(153));
    }

    [Test]
    public void AttributeBitsAndLegality()
    {
        Assert.That(GpaAttributes.ExecuteSupervisor, Is.EqualTo(4));
        Assert.That(GpaAttributes.ExecuteUser, Is.EqualTo(8));
        Assert.That(GpaAttributes.Valid, Is.EqualTo(0x8000));
        Assert.That(GpaAttributes.ForVm(0x8001, 1), Is.EqualTo(0x8001_0000UL));
        Assert.That(GpaAttributes.ForVm(0x8001, 3), Is.EqualTo(0x8001_0000_0000_0000UL));
        Assert.That(GpaAttributes.IsLegal(0), Is.True);
        Assert.That(GpaAttributes.IsLegal(0x8001), Is.True);
        Assert.That(GpaAttributes.IsLegal(0x0001), Is.False, "no VALID");
        Assert.That(GpaAttributes.IsLegal(0x8002), Is.False, "W without R");
        Assert.That(GpaAttributes.IsLegal(0x8020), Is.False, "PWA without R");
        Assert.That(GpaAttributes.IsLegal(0x8081), Is.False, "SVE");
        Assert.That(GpaAttributes.IsLegal(0x8101), Is.False, "reserved");
        Assert.That(GpaAttributes.Rcx(0x1234_5FFF, 0), Is.EqualTo(0x1234_5000UL));
    }

    [Test]
    public void FieldCodesAndVmcs()
    {
        Assert.That(TdxFieldCode.Vmcs(1, VmcsField.Cr0GuestHostMask, TdxFieldCode.Size64), Is.EqualTo(0x2420_0003_0000_6000UL));
        Assert.That(TdxFieldCode.Vmcs(2, VmcsField.Cr4GuestHostMask, TdxFieldCode.Size64) >> 56, Is.EqualTo(44UL));
        Assert.That(TdxFieldCode.Vmcs(3, VmcsField.Cr4GuestHostMask, TdxFieldCode.Size64) >> 56, Is.EqualTo(52UL));
        Assert.That(TdxFieldCode.MsrBitmap(2, 0) >> 56, Is.EqualTo(45UL));
        Assert.That(VmcsField.Cr0GuestHostMask, Is.EqualTo(0x6000));
        Assert.That(VmcsField.Cr4GuestHostMask, Is.EqualTo(0x6002));
        Assert.That(VmcsField.ExceptionBitmap, Is.EqualTo(0x4004));
        Assert.That(VmcsField.EntryInterruptInfo, Is.EqualTo(0x4016));
        Assert.That(VmcsField.SecondaryProcessorControls, Is.EqualTo(0x401E));
        Assert.That(VmcsField.ModeBasedExecuteControl, Is.EqualTo(1u << 22));
        Assert.That(TdxFieldCode.L2CtlsVm1, Is.EqualTo(0xA020000300000051UL));
        Assert.That(VpEnter.Rcx(2, VpEnter.InvalidateEpt), Is.EqualTo((2UL << 52) | 1));
        Assert.That(VmxEntryInterruptInfo.Exception(13, true), Is.EqualTo(0x8000_0B0Du));
    }
}
