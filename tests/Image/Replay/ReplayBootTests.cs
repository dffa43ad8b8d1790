using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System;
using Lvbs.ImageHarness.Qemu;
using Lvbs.ImageHarness.Replay;
using Lvbs.Kernel.Boot.Replay;
using Lvbs.Tests.Image.Boot;
using NUnit.Framework;

namespace Lvbs.Tests.Image.Replay;

/// <summary>
/// Record on the host, replay in the image (<c>guest=replay</c>): the VTL0 sequence recorded
/// from the simulated driver against the hosted kernel must give the same result for every
/// call and the same outcome for every access when the image's kernel runs it on the native
/// SVM backend, with the replay guest making each call and access for real.
/// </summary>
[TestFixture]
public sealed class ReplayBootTests
{
    private static readonly Regex StepLine = new(@"^replay: (call|probe) (?<n>\d+) .* (?<verdict>ok|MISMATCH)\b", RegexOptions.Compiled);

    private string _script = null!;
    private string _tampered = null!;
    private int _steps;

    [OneTimeSetUp]
    public async Task Ready()
    {
        await ImageUnderTest.EnsureReadyAsync();
        var recorder = HekiLockdownRecording.Record();
        byte[] script = recorder.ToScript();
        _steps = recorder.Steps.Count;
        var dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "replay");
        Directory.CreateDirectory(dir);
        _script = Path.Combine(dir, "heki-lockdown.lvbsrpl");
        await File.WriteAllBytesAsync(_script, script);

        // The same script with the first call's expected result changed: the image must notice.
        int first = recorder.Steps.ToList().FindIndex(s => s.Kind == ReplayStepKind.Call);
        BinaryPrimitives.WriteInt64LittleEndian(script.AsSpan(ReplayScriptWriter.HeaderSize + (first * ReplayScriptWriter.StepSize) + 40), 12345);
        _tampered = Path.Combine(dir, "heki-lockdown-tampered.lvbsrpl");
        await File.WriteAllBytesAsync(_tampered, script);
    }

    private static Task<BootResult> Boot(string script) => QemuRunner.BootAsync(new QemuBootOptions
    {
        KernelPath = ImageUnderTest.Layout.ImageElf,
        CommandLine = "guest=replay",
        MemoryMiB = 512,
        InitrdPath = script,
        Timeout = ImageUnderTest.BootTimeout,
    });

    [Test]
    public async Task EveryRecordedCallAndAccessReplaysIdenticallyInTheImage()
    {
        var boot = await Boot(_script);
        var lines = boot.Serial.Lines.Select(l => StepLine.Match(l)).Where(m => m.Success).ToList();

        Assert.That(boot.Outcome, Is.EqualTo(BootOutcome.Success), boot.Describe());
        Assert.That(lines, Has.Count.EqualTo(_steps), boot.Describe());
        Assert.That(lines.Select(m => m.Groups["verdict"].Value), Has.All.EqualTo("ok"), boot.Describe());
        Assert.That(boot.Serial.Lines, Has.Some.Match($@"^replay: {_steps} passed, 0 failed, \d+ exits"), boot.Describe());
        Assert.That(boot.Serial.Lines, Has.Some.Contains("PROTECT_MEMORY ok (-13)"), "EACCES for widening a sealed page, " + boot.Describe());
    }

    [Test]
    public async Task AChangedExpectationIsReportedAsAMismatchAndFailsTheBoot()
    {
        var boot = await Boot(_tampered);

        Assert.That(boot.Outcome, Is.EqualTo(BootOutcome.TestsFailed), boot.Describe());
        Assert.That(boot.Serial.Lines, Has.Some.Match(@"^replay: call \d+ PROTECT_MEMORY MISMATCH expected 12345 got -22"), boot.Describe());
        Assert.That(boot.Serial.Lines, Has.Some.Match($@"^replay: {_steps - 1} passed, 1 failed"), boot.Describe());
    }

    [Test]
    public async Task AScriptWithABadMagicIsRefusedBeforeAnythingRuns()
    {
        var bad = Path.Combine(TestContext.CurrentContext.WorkDirectory, "replay", "bad-magic.lvbsrpl");
        var bytes = await File.ReadAllBytesAsync(_script);
        bytes[0] = (byte)'X';
        await File.WriteAllBytesAsync(bad, bytes);

        var boot = await Boot(bad);

        Assert.That(boot.Outcome, Is.EqualTo(BootOutcome.TestsFailed), boot.Describe());
        Assert.That(boot.Serial.Lines, Has.Some.Contains("replay: the script is malformed: bad magic"), boot.Describe());
        Assert.That(boot.Serial.Lines, Has.None.Match(@"^replay: (call|probe) "), boot.Describe());
    }
}
