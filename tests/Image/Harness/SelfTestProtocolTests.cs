using Lvbs.ImageHarness.Serial;
using NUnit.Framework;

namespace Lvbs.Tests.Image.Harness;

[TestFixture]
public sealed class SelfTestProtocolTests
{
    [TestCase("12 passed, 0 failed", 12, 0)]
    [TestCase("0 passed, 3 failed", 0, 3)]
    public void WhenExactClosingLine_ParsesCounts(string line, int passed, int failed)
    {
        Assert.That(SelfTestSummary.TryParse(line), Is.EqualTo(new SelfTestSummary(passed, failed)));
    }

    [TestCase("12 passed, 0 failed.")]
    [TestCase(" 12 passed, 0 failed")]
    [TestCase("12 passed")]
    [TestCase("test x ... ok")]
    [TestCase("99999999999 passed, 0 failed")]
    public void WhenNotExactlyTheClosingLine_ReturnsNull(string line)
    {
        Assert.That(SelfTestSummary.TryParse(line), Is.Null);
    }

    [Test]
    public void WhenCaseOk_ParsesNameAndPass()
    {
        Assert.That(SelfTestCase.TryParse("test heap.alloc ... ok"), Is.EqualTo(new SelfTestCase("heap.alloc", true, null)));
    }

    [Test]
    public void WhenCaseFailed_ParsesReason()
    {
        Assert.That(SelfTestCase.TryParse("test sha256 ... FAILED: digest mismatch"),
            Is.EqualTo(new SelfTestCase("sha256", false, "digest mismatch")));
    }

    [TestCase("test ... ok")]
    [TestCase("testing x ... ok")]
    [TestCase("test x ... maybe")]
    public void WhenNotACaseLine_ReturnsNull(string line)
    {
        Assert.That(SelfTestCase.TryParse(line), Is.Null);
    }

    [Test]
    public void Transcript_FindsProtocolLines()
    {
        var transcript = new SerialTranscript(
        [
            "Lvbs.SecureKernel 0.1.0 build abc",
            "test a ... ok",
            "test b ... FAILED: nope",
            "1 passed, 1 failed",
            "panic: done",
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(transcript.Banner, Is.EqualTo("Lvbs.SecureKernel 0.1.0 build abc"));
            Assert.That(transcript.Summary, Is.EqualTo(new SelfTestSummary(1, 1)));
            Assert.That(transcript.Cases, Has.Count.EqualTo(2));
            Assert.That(transcript.Panic, Is.EqualTo("panic: done"));
            Assert.That(transcript.UnhandledException, Is.Null);
            Assert.That(transcript.CpuException, Is.Null);
        });
    }
}
