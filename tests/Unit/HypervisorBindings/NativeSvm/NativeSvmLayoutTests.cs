using System.Runtime.CompilerServices;
using Lvbs.Hypervisor.NativeSvm.Backend;
using Lvbs.Hypervisor.NativeSvm.Definitions;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings.NativeSvm;

/// <summary>Pins the VMCB offsets to AMD64 APM Vol. 2 Appendix B and the context to svm.asm.</summary>
public class NativeSvmLayoutTests
{
    [TestCase(VmcbOffsets.InterceptCr, 0x000)]
    [TestCase(VmcbOffsets.InterceptMisc1, 0x00C)]
    [TestCase(VmcbOffsets.InterceptMisc2, 0x010)]
    [TestCase(VmcbOffsets.IopmBasePa, 0x040)]
    [TestCase(VmcbOffsets.MsrpmBasePa, 0x048)]
    [TestCase(VmcbOffsets.GuestAsid, 0x058)]
    [TestCase(VmcbOffsets.TlbControl, 0x05C)]
    [TestCase(VmcbOffsets.ExitCode, 0x070)]
    [TestCase(VmcbOffsets.ExitInfo1, 0x078)]
    [TestCase(VmcbOffsets.ExitInfo2, 0x080)]
    [TestCase(VmcbOffsets.NestedControl, 0x090)]
    [TestCase(VmcbOffsets.EventInjection, 0x0A8)]
    [TestCase(VmcbOffsets.NestedCr3, 0x0B0)]
    [TestCase(VmcbOffsets.NextRip, 0x0C8)]
    [TestCase(VmcbOffsets.Cs, 0x410)]
    [TestCase(VmcbOffsets.Idtr, 0x480)]
    [TestCase(VmcbOffsets.Tr, 0x490)]
    [TestCase(VmcbOffsets.Cpl, 0x4CB)]
    [TestCase(VmcbOffsets.Efer, 0x4D0)]
    [TestCase(VmcbOffsets.Cr4, 0x548)]
    [TestCase(VmcbOffsets.Cr3, 0x550)]
    [TestCase(VmcbOffsets.Cr0, 0x558)]
    [TestCase(VmcbOffsets.Rflags, 0x570)]
    [TestCase(VmcbOffsets.Rip, 0x578)]
    [TestCase(VmcbOffsets.Rsp, 0x5D8)]
    [TestCase(VmcbOffsets.Rax, 0x5F8)]
    [TestCase(VmcbOffsets.Lstar, 0x608)]
    [TestCase(VmcbOffsets.Sfmask, 0x618)]
    [TestCase(VmcbOffsets.SysenterEip, 0x638)]
    [TestCase(VmcbOffsets.Cr2, 0x640)]
    [TestCase(VmcbOffsets.GuestPat, 0x668)]
    public void VmcbOffsetMatchesTheApm(int actual, int expected) => Assert.That(actual, Is.EqualTo(expected));

    [TestCase(SvmExitCode.WriteCr0, 0x10UL)]
    [TestCase(SvmExitCode.WriteCr4, 0x14UL)]
    [TestCase(SvmExitCode.Cr0SelectiveWrite, 0x65UL)]
    [TestCase(SvmExitCode.IdtrWrite, 0x6AUL)]
    [TestCase(SvmExitCode.Hlt, 0x78UL)]
    [TestCase(SvmExitCode.Msr, 0x7CUL)]
    [TestCase(SvmExitCode.Shutdown, 0x7FUL)]
    [TestCase(SvmExitCode.Vmmcall, 0x81UL)]
    [TestCase(SvmExitCode.NestedPageFault, 0x400UL)]
    public void ExitCodeMatchesTheApm(SvmExitCode code, ulong expected) => Assert.That((ulong)code, Is.EqualTo(expected));

    [Test]
    public unsafe void GuestContextMatchesTheWorldSwitch()
    {
        SvmGuestContext c = default;
        byte* b = (byte*)&c;
        long[] offsets =
        {
            (byte*)&c.Rbx - b, (byte*)&c.Rsi - b, (byte*)&c.Rdi - b, (byte*)&c.R8 - b,
            (byte*)&c.R15 - b, (byte*)&c.XsaveAreaPa - b, (byte*)&c.HostStatePa - b,
        };
        Assert.That(Unsafe.SizeOf<SvmGuestContext>(), Is.EqualTo(128));
        Assert.That(offsets, Is.EqualTo(new long[] { 0, 24, 32, 48, 104, 112, 120 }), "CTX_* in kernel/Boot/svm.asm");
    }

    [Test]
    public void SegmentAttributesEncodeLongModeCodeAndData()
    {
        // Access byte in bits 0-7, then AVL, L, D/B, G in bits 8-11 (APM Vol. 2 §15.5.1).
        Assert.That(SvmArchitecture.Code64Attributes & 0xFF, Is.EqualTo(0x9B));
        Assert.That((SvmArchitecture.Code64Attributes >> 9) & 1, Is.EqualTo(1), "L");
        Assert.That(SvmArchitecture.Data64Attributes & 0xFF, Is.EqualTo(0x93));
    }
}
