using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Lvbs.Hypervisor.SevSnp.Definitions;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings.SevSnp;

/// <summary>Pins SEV-SNP constants and layouts to hypervisor-backends.md §1.2 (and Linux svm.h for VMSA GPRs).</summary>
public class SnpDefinitionsTests
{
    [Test]
    public void StructLayouts()
    {
        Assert.That(Unsafe.SizeOf<SvsmCallingArea>(), Is.EqualTo(8));
        Assert.That((int)Marshal.OffsetOf<SvsmCallingArea>(nameof(SvsmCallingArea.CallPending)), Is.EqualTo(0));
        Assert.That((int)Marshal.OffsetOf<SvsmCallingArea>(nameof(SvsmCallingArea.MemAvailable)), Is.EqualTo(1));
        Assert.That(Unsafe.SizeOf<VmsaSegment>(), Is.EqualTo(16));
        Assert.That((int)Marshal.OffsetOf<VmsaSegment>(nameof(VmsaSegment.Attributes)), Is.EqualTo(2));
        Assert.That((int)Marshal.OffsetOf<VmsaSegment>(nameof(VmsaSegment.Limit)), Is.EqualTo(4));
        Assert.That((int)Marshal.OffsetOf<VmsaSegment>(nameof(VmsaSegment.Base)), Is.EqualTo(8));
    }

    [Test]
    public void RmpAdjustAndResults()
    {
        Assert.That(RmpAdjust.Read, Is.EqualTo(0x100));
        Assert.That(RmpAdjust.Write, Is.EqualTo(0x200));
        Assert.That(RmpAdjust.ExecuteUser, Is.EqualTo(0x400));
        Assert.That(RmpAdjust.ExecuteSupervisor, Is.EqualTo(0x800));
        Assert.That(RmpAdjust.Vmsa, Is.EqualTo(0x10000));
        Assert.That((ulong)SnpInstructionResult.FailInput, Is.EqualTo(1));
        Assert.That((ulong)SnpInstructionResult.FailPermission, Is.EqualTo(2));
        Assert.That((ulong)SnpInstructionResult.FailSizeMismatch, Is.EqualTo(6));
    }

    [Test]
    public void GhcbAndSvsm()
    {
        Assert.That(GhcbMsrProtocol.GhcbMsr, Is.EqualTo(0xC0010130));
        Assert.That(GhcbMsrProtocol.RunVmpl(2), Is.EqualTo(0x2_0000_0016UL));
        Assert.That(GhcbMsrProtocol.RunVmplResponse, Is.EqualTo(0x017));
        Assert.That(GhcbExitCode.SnpRunVmpl, Is.EqualTo(0x80000018));
        Assert.That(GhcbExitCode.ApCreation, Is.EqualTo(0x80000013));
        Assert.That(GhcbExitCode.HvDoorbellPage, Is.EqualTo(0x80000014));
        Assert.That(GhcbExitCode.SpecificEoi, Is.EqualTo(0x8000001D));
        Assert.That(ApCreation.ExitInfo1(ApCreation.Create, 2, 5), Is.EqualTo(0x5_0002_0001UL));
        Assert.That(SvsmCall.Rax(SvsmCall.CoreProtocol, SvsmCall.CoreCreateVcpu), Is.EqualTo(2UL));
        Assert.That(SvsmCall.ErrorBusy, Is.EqualTo(0x80000007));
        Assert.That(SvsmCall.ProtocolErrorBase + 6, Is.EqualTo(0x80001006));
        Assert.That(GhcbLayout.SwExitCode, Is.EqualTo(0x390));
        Assert.That(GhcbLayout.ValidBitmap, Is.EqualTo(0x3F0));
    }

    [Test]
    public void VmsaOffsets()
    {
        Assert.That(VmsaLayout.Tr, Is.EqualTo(0x90));
        Assert.That(VmsaLayout.Vmpl, Is.EqualTo(0xCA));
        Assert.That(VmsaLayout.Efer, Is.EqualTo(0xD0));
        Assert.That(VmsaLayout.Cr4, Is.EqualTo(0x148));
        Assert.That(VmsaLayout.Cr0, Is.EqualTo(0x158));
        Assert.That(VmsaLayout.Rip, Is.EqualTo(0x178));
        Assert.That(VmsaLayout.Rsp, Is.EqualTo(0x1D8));
        Assert.That(VmsaLayout.Rax, Is.EqualTo(0x1F8));
        Assert.That(VmsaLayout.SysenterEip, Is.EqualTo(0x238));
        Assert.That(VmsaLayout.Cr2, Is.EqualTo(0x240));
        Assert.That(VmsaLayout.Rdi, Is.EqualTo(0x338));
        Assert.That(VmsaLayout.R8, Is.EqualTo(0x340));
        Assert.That(VmsaLayout.SevFeatures, Is.EqualTo(0x3B0));
        Assert.That(VmsaLayout.GuestExitCode, Is.EqualTo(0x3C0));
        Assert.That(VmsaLayout.EventInject, Is.EqualTo(0x3E0));
        Assert.That(SevEventInject.Exception(13, true, 0), Is.EqualTo(0x8000_0B0DUL));
        Assert.That(SevFeatures.GuestInterceptControl, Is.EqualTo(1UL << 13));
        Assert.That(SevFeatures.AlternateInjection, Is.EqualTo(1UL << 4));
    }
}
