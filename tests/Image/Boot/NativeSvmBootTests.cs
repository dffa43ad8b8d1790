using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Lvbs.ImageHarness.Qemu;
using NUnit.Framework;

namespace Lvbs.Tests.Image.Boot;

/// <summary>
/// The default boot: the secure kernel becomes the hypervisor (native SVM, nested paging) over
/// the VTL0 test guest. Every attack must be blocked, every legitimate operation allowed, and
/// each blocked attempt reported by the secure kernel with what, where and how.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class NativeSvmBootTests
{
    private static readonly Regex Row = new(@"^\s*(?<n>\d+) \| (?<name>.+?)\s+\| (?<expected>blocked|allowed)\s+\| (?<observed>\S+)", RegexOptions.Compiled);

    [OneTimeSetUp]
    public Task Ready() => ImageUnderTest.EnsureReadyAsync();

    [Test]
    public async Task WhenBootedByDefault_EveryScenarioRowMatches()
    {
        var boot = await ImageUnderTest.BootAsync("");
        var rows = boot.Serial.Lines.Select(l => Row.Match(l)).Where(m => m.Success).ToList();

        Assert.That(boot.Outcome, Is.EqualTo(BootOutcome.Success), boot.Describe());
        Assert.That(rows, Has.Count.EqualTo(15), boot.Describe());
        Assert.Multiple(() =>
        {
            foreach (var row in rows)
            {
                Assert.That(row.Groups["observed"].Value, Is.EqualTo(row.Groups["expected"].Value), row.Value);
            }
        });
        Assert.That(boot.Serial.Lines, Has.Some.Contains("15 of 15 scenarios as expected"), boot.Describe());
    }

    [TestCase("write to memory VTL0 may not write at gpa 0x200000", TestName = "KernelTextWriteIsReportedWithItsAddress")]
    [TestCase("execute from memory VTL0 may not execute at gpa 0x204000", TestName = "DataExecutionIsReportedWithItsAddress")]
    [TestCase("CR0 write changing a pinned bit", TestName = "Cr0WpClearIsReported")]
    [TestCase("EFER write changing a pinned bit value 0x501", TestName = "EferNxeClearIsReported")]
    [TestCase("IDT load after lock", TestName = "IdtLoadIsReported")]
    [TestCase("read of memory VTL0 may not read at gpa 0x100000", TestName = "SecureKernelReadIsReported")]
    [TestCase("boot-only VTL call 0x1ffe4 after end of boot (returned -EPERM)", TestName = "BootOnlyCallAfterEndOfBootIsReported")]
    public async Task EachBlockedAttemptIsReported(string report)
    {
        var boot = await ImageUnderTest.BootAsync("");
        Assert.That(boot.Serial.Lines.Where(l => l.Contains("secure kernel: blocked")), Has.Some.Contains(report), boot.Describe());
    }

    [Test]
    public async Task WhenNoGuestIsRequested_TheKernelStopsCleanly()
    {
        var boot = await ImageUnderTest.BootAsync("guest=none");
        Assert.That(boot.Outcome, Is.EqualTo(BootOutcome.Success), boot.Describe());
        Assert.That(boot.Serial.Lines, Has.None.Contains("native-svm"), boot.Describe());
    }

    [Test]
    public async Task WhenBenchmarking_BothPathsCompleteEveryCall()
    {
        var boot = await ImageUnderTest.BootAsync("svmbench=200");
        Assert.That(boot.Outcome, Is.EqualTo(BootOutcome.Success), boot.Describe());
        Assert.That(boot.Serial.Lines, Has.Some.Match(@"^svmbench: 200 VTL calls each: bare asm loop \d+ ticks/round trip, managed exit path \d+ ticks/round trip"), boot.Describe());
    }
}
