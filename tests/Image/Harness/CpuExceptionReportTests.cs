using Lvbs.ImageHarness.Serial;
using NUnit.Framework;

namespace Lvbs.Tests.Image.Harness;

[TestFixture]
public sealed class CpuExceptionReportTests
{
    [Test]
    public void WhenKeyEqualsHex_ParsesAllFields()
    {
        var r = CpuExceptionReport.TryParse("cpu exception: vector=0xE (#PF) rip=0xFFFF800000101234 cr2=0x8 error=0x2");

        Assert.That(r, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(r!.Vector, Is.EqualTo(14UL));
            Assert.That(r.Rip, Is.EqualTo(0xFFFF800000101234UL));
            Assert.That(r.Cr2, Is.EqualTo(8UL));
            Assert.That(r.ErrorCode, Is.EqualTo(2UL));
            Assert.That(r.IsPageFault, Is.True);
        });
    }

    [Test]
    public void WhenKeySpaceDecimal_ParsesVectorAndErrorCode()
    {
        var r = CpuExceptionReport.TryParse("cpu exception: vector 13 RIP 0x1000 CR2 0x0 error code 0x10");

        Assert.That(r, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(r!.Vector, Is.EqualTo(13UL));
            Assert.That(r.Rip, Is.EqualTo(0x1000UL));
            Assert.That(r.Cr2, Is.EqualTo(0UL));
            Assert.That(r.ErrorCode, Is.EqualTo(0x10UL));
            Assert.That(r.IsPageFault, Is.False);
        });
    }

    [Test]
    public void WhenFieldMissing_LeavesItNull()
    {
        var r = CpuExceptionReport.TryParse("cpu exception: vector=6 rip=0x2000");

        Assert.That(r, Is.Not.Null);
        Assert.That(r!.Cr2, Is.Null);
        Assert.That(r.ErrorCode, Is.Null);
    }

    [Test]
    public void KernelFormat_ParsesWithSymbolAndDetails()
    {
        var transcript = new SerialTranscript(
        [
            "Lvbs.SecureKernel 0.1",
            "cpu exception: vector 14 page fault (#PF) rip=0x101A2C (Scenarios.Stack+0x1C) cr2=0x1FF8 error=0x2",
            "  not-present page on write: stack guard page hit (stack overflow)",
            "  rsp=0x2000 rbp=0x0",
            "after",
        ]);

        var r = transcript.CpuException;

        Assert.That(r, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(r!.Vector, Is.EqualTo(14UL));
            Assert.That(r.Rip, Is.EqualTo(0x101A2CUL));
            Assert.That(r.Cr2, Is.EqualTo(0x1FF8UL));
            Assert.That(r.ErrorCode, Is.EqualTo(2UL));
            Assert.That(r.Details, Has.Count.EqualTo(2));
            Assert.That(r.Text, Does.Contain("stack guard"));
            Assert.That(r.Text, Does.Not.Contain("after"));
        });
    }

    [TestCase("panic: cpu exception: vector=14")]
    [TestCase("CPU EXCEPTION: vector=14")]
    public void WhenNotAReportLine_ReturnsNull(string line)
    {
        Assert.That(CpuExceptionReport.TryParse(line), Is.Null);
    }
}
