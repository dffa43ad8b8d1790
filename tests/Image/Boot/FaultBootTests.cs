using System;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Lvbs.ImageHarness.Qemu;
using Lvbs.ImageHarness.Serial;
using NUnit.Framework;

namespace Lvbs.Tests.Image.Boot;

/// <summary>
/// The fault scenarios (<c>fault=...</c> on the kernel command line): each must be reported on
/// the console and end with its own distinct exit status, never a hang or a triple fault.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class FaultBootTests
{
    private const ulong PageSize = 4096;

    [OneTimeSetUp]
    public Task Ready() => ImageUnderTest.EnsureReadyAsync();

    [Test]
    public async Task WhenNullDereference_ReportsPageFaultNearZero()
    {
        var boot = await ImageUnderTest.BootAsync("fault=null");
        var report = boot.Serial.CpuException;

        Assert.That(boot.Outcome, Is.EqualTo(BootOutcome.CpuException), boot.Describe());
        Assert.That(report, Is.Not.Null, "no 'cpu exception:' line\n" + boot.Describe());
        Assert.Multiple(() =>
        {
            Assert.That(report!.Vector, Is.EqualTo(CpuExceptionReport.PageFaultVector), report.Line);
            Assert.That(report.Cr2, Is.Not.Null.And.LessThan(PageSize), report.Line);
            Assert.That(report.Rip, Is.Not.Null, report.Line);
        });
    }

    [Test]
    public async Task WhenIndexOutOfRange_ReportsUnhandledIndexOutOfRangeException()
    {
        var boot = await ImageUnderTest.BootAsync("fault=index");

        Assert.That(boot.Outcome, Is.EqualTo(BootOutcome.UnhandledException), boot.Describe());
        Assert.That(boot.Serial.UnhandledException, Does.Contain("IndexOutOfRangeException"), boot.Describe());
    }

    [Test]
    public async Task WhenStackOverflows_ReportsPageFaultOnStackGuard()
    {
        var boot = await ImageUnderTest.BootAsync("fault=stack");
        var report = boot.Serial.CpuException;

        Assert.That(boot.Outcome, Is.EqualTo(BootOutcome.CpuException), boot.Describe());
        Assert.That(report, Is.Not.Null, "no 'cpu exception:' line\n" + boot.Describe());
        Assert.Multiple(() =>
        {
            Assert.That(report!.IsPageFault, Is.True, report.Text);
            Assert.That(report.Text, Does.Contain("stack guard"), report.Text);
        });
    }

    [Test]
    public async Task WhenOutOfMemory_Panics()
    {
        var boot = await ImageUnderTest.BootAsync("fault=oom");

        Assert.That(boot.Outcome, Is.EqualTo(BootOutcome.Panic), boot.Describe());
        Assert.That(boot.Serial.Panic, Does.Contain("out of memory").IgnoreCase, boot.Describe());
    }

    [Test]
    public async Task WhenThrow_ReportsExceptionTypeAndMessage()
    {
        var boot = await ImageUnderTest.BootAsync("fault=throw");
        var line = boot.Serial.UnhandledException;

        Assert.That(boot.Outcome, Is.EqualTo(BootOutcome.UnhandledException), boot.Describe());
        Assert.That(line, Is.Not.Null, boot.Describe());
        var m = Regex.Match(line!, @"^unhandled exception: (?<type>[\w.]*Exception): (?<message>\S.*)$");
        Assert.That(m.Success, Is.True, $"expected 'unhandled exception: <Type>: <message>', got '{line}'");
        Assert.That(m.Groups["type"].Value, Does.Not.EndWith("IndexOutOfRangeException").And.Not.EndWith("NullReferenceException"),
            "fault=throw should report the thrown exception, not a runtime fault");
    }

    [TestCase("null")]
    [TestCase("index")]
    [TestCase("stack")]
    [TestCase("oom")]
    [TestCase("throw")]
    public async Task EveryFault_PrintsTheBannerBeforeTheReport(string fault)
    {
        var boot = await ImageUnderTest.BootAsync("fault=" + fault);
        var lines = boot.Serial.Lines;
        var banner = IndexOf(lines, SerialTranscript.BannerPrefix);
        var report = Math.Max(
            IndexOf(lines, CpuExceptionReport.Prefix),
            Math.Max(IndexOf(lines, SerialTranscript.PanicPrefix), IndexOf(lines, SerialTranscript.UnhandledExceptionPrefix)));

        Assert.That(banner, Is.GreaterThanOrEqualTo(0), boot.Describe());
        Assert.That(report, Is.GreaterThan(banner), boot.Describe());
    }

    private static int IndexOf(System.Collections.Generic.IReadOnlyList<string> lines, string prefix)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].StartsWith(prefix, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    [Test]
    public async Task WhenKernelTextIsWritten_ReportsWriteProtectionViolation()
    {
        var boot = await ImageUnderTest.BootAsync("fault=write-text");
        var report = boot.Serial.CpuException;

        Assert.That(boot.Outcome, Is.EqualTo(BootOutcome.CpuException), boot.Describe());
        Assert.That(report, Is.Not.Null, "no 'cpu exception:' line\n" + boot.Describe());
        Assert.That(report!.IsPageFault, Is.True, report.Text);
        Assert.That(report.Text, Does.Contain("protection violation on write"), "text must be mapped read-only (W^X)");
    }

    [Test]
    public async Task WhenDataIsExecuted_ReportsInstructionFetchViolation()
    {
        var boot = await ImageUnderTest.BootAsync("fault=exec-data");
        var report = boot.Serial.CpuException;

        Assert.That(boot.Outcome, Is.EqualTo(BootOutcome.CpuException), boot.Describe());
        Assert.That(report, Is.Not.Null, "no 'cpu exception:' line\n" + boot.Describe());
        Assert.That(report!.Text, Does.Contain("on instruction fetch"), "stack and data must be no-execute (W^X)");
    }
}
