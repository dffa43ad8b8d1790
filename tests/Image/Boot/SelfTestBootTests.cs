using System.Linq;
using System.Threading.Tasks;
using Lvbs.ImageHarness.Qemu;
using Lvbs.ImageHarness.Serial;
using NUnit.Framework;

namespace Lvbs.Tests.Image.Boot;

/// <summary>The image booted with <c>selftest</c>: banner, in-image test protocol, exit status.</summary>
[TestFixture]
public sealed class SelfTestBootTests
{
    private BootResult _boot = null!;

    [OneTimeSetUp]
    public async Task BootOnce()
    {
        await ImageUnderTest.EnsureReadyAsync();
        _boot = await ImageUnderTest.BootAsync("selftest");
        await TestContext.Progress.WriteLineAsync("selftest boot: " + _boot.Summary);
    }

    [Test]
    public void WhenBooted_PrintsBannerWithVersion()
    {
        var banner = _boot.Serial.Banner;

        Assert.That(banner, Is.Not.Null, _boot.Describe());
        Assert.That(banner!.Substring(SerialTranscript.BannerPrefix.Length).Trim(), Is.Not.Empty, "banner carries no version/build id");
    }

    [Test]
    public void WhenSelfTest_ExitsWithSuccess()
    {
        Assert.That(_boot.Outcome, Is.EqualTo(BootOutcome.Success), _boot.Describe());
    }

    [Test]
    public void WhenSelfTest_ClosingLineReportsPassesAndNoFailures()
    {
        var summary = _boot.Serial.Summary;

        Assert.That(summary, Is.Not.Null, "no 'N passed, N failed' line\n" + _boot.Describe());
        Assert.That(summary!.Passed, Is.GreaterThan(0), _boot.Describe());
        Assert.That(summary.Failed, Is.Zero, _boot.Describe());
    }

    [Test]
    public void WhenSelfTest_ClosingLineMatchesCaseLines()
    {
        var cases = _boot.Serial.Cases;
        var summary = _boot.Serial.Summary;

        Assert.That(summary, Is.Not.Null, _boot.Describe());
        Assert.Multiple(() =>
        {
            Assert.That(cases.Count(c => c.Passed), Is.EqualTo(summary!.Passed), "passed count vs 'ok' lines");
            Assert.That(cases.Count(c => !c.Passed), Is.EqualTo(summary!.Failed), "failed count vs 'FAILED' lines");
        });
    }
}
