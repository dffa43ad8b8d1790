using System.Text;
using Lvbs.ImageHarness.Serial;
using NUnit.Framework;

namespace Lvbs.Tests.Image.Harness;

[TestFixture]
public sealed class SerialLineSplitterTests
{
    [Test]
    public void WhenCrLfAndLf_SplitsIntoLinesWithoutEndings()
    {
        var splitter = new SerialLineSplitter();

        var lines = splitter.Feed(Encoding.ASCII.GetBytes("one\r\ntwo\nthree"));

        Assert.That(lines, Is.EqualTo(new[] { "one", "two" }));
        Assert.That(splitter.Flush(), Is.EqualTo("three"));
        Assert.That(splitter.Flush(), Is.Null);
    }

    [Test]
    public void WhenLineArrivesInPieces_CompletesOnlyAtNewline()
    {
        var splitter = new SerialLineSplitter();

        Assert.That(splitter.Feed(Encoding.ASCII.GetBytes("Lvbs.Sec")), Is.Empty);
        Assert.That(splitter.Feed(Encoding.ASCII.GetBytes("ureKernel 1.0\r")), Is.Empty);
        Assert.That(splitter.Feed(Encoding.ASCII.GetBytes("\n")), Is.EqualTo(new[] { "Lvbs.SecureKernel 1.0" }));
    }

    [Test]
    public void WhenControlOrHighBytes_DropsControlsAndMarksHighBytes()
    {
        var splitter = new SerialLineSplitter();

        var lines = splitter.Feed([(byte)'a', 0x1B, (byte)'[', 0x07, (byte)'\t', 0xC3, (byte)'b', (byte)'\n']);

        Assert.That(lines, Is.EqualTo(new[] { "a[\t\uFFFDb" }));
    }
}
