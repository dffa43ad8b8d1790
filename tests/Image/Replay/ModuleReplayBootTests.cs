using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Lvbs.ImageHarness.Qemu;
using Lvbs.ImageHarness.Replay;
using Lvbs.Tests.Image.Boot;
using NUnit.Framework;

namespace Lvbs.Tests.Image.Replay;

/// <summary>
/// Issue 5 in the image: the Debian certificate load, the 20 Debian-signed modules and two
/// tampered ones, recorded through the simulated VTL0 driver and Linux loader against the
/// hosted kernel, then replayed in the image, where the same kernel/Core code validates them
/// on the native SVM backend. Every result must match the hosted one.
/// </summary>
[TestFixture]
public sealed class ModuleReplayBootTests
{
    private static readonly Regex StepLine = new(@"^replay: (call|probe) (?<n>\d+) (?<rest>.*)$", RegexOptions.Compiled);

    private string _script = null!;
    private ReplayRecorder _recorder = null!;
    private DebianModulesRecording.Summary _summary = null!;

    [OneTimeSetUp]
    public async Task Ready()
    {
        await ImageUnderTest.EnsureReadyAsync();
        string? data = DebianModulesRecording.DataDirectory();
        if (data is null)
        {
            Assert.Fail("../shared/data/debian-modules not found above " + AppContext.BaseDirectory);
        }

        _recorder = DebianModulesRecording.Record(data!, out _summary);
        var dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "replay");
        Directory.CreateDirectory(dir);
        _script = Path.Combine(dir, "debian-modules.lvbsrpl");
        await File.WriteAllBytesAsync(_script, _recorder.ToScript());
    }

    [Test]
    public void OnTheHostTheGenuineModulesGetTokensAndTheTamperedOnesAreRefused()
    {
        Assert.That(_summary.Genuine, Has.Count.EqualTo(20));
        Assert.Multiple(() =>
        {
            foreach (var (step, module) in _summary.Genuine)
            {
                Assert.That(_recorder.Steps[step].Expected, Is.GreaterThanOrEqualTo(0), module + " gets a token");
            }

            Assert.That(_summary.Genuine.Select(g => _recorder.Steps[g.Step].Expected), Is.Unique, "tokens are distinct");

            Assert.That(_recorder.Steps[_summary.TamperedContentStep].Expected, Is.LessThan(0), "content changed after loading");
            Assert.That(_recorder.Steps[_summary.TamperedSignatureStep].Expected, Is.EqualTo(-129L), "EKEYREJECTED");
            Assert.That(_recorder.Steps[0].Expected, Is.Zero, "LOAD_KDATA");
            Assert.That(_recorder.Steps[_summary.OtherCalls["FREE_MODULE_INIT"]].Expected, Is.Zero, "FREE_MODULE_INIT");
            Assert.That(_recorder.Steps[_summary.OtherCalls["UNLOAD_MODULE"]].Expected, Is.Zero, "UNLOAD_MODULE");
            Assert.That(_recorder.Steps[_summary.OtherCalls["UNLOAD_MODULE again"]].Expected, Is.LessThan(0), "a second UNLOAD_MODULE");
            Assert.That(_recorder.Steps[_summary.OtherCalls["COPY_SECONDARY_KEY unvouched"]].Expected, Is.LessThan(0), "a key no trusted key signed");
            Assert.That(_recorder.Steps[_summary.OtherCalls["ALLOCATE_RINGBUFFER_MEMORY"]].Expected, Is.Zero, "ALLOCATE_RINGBUFFER_MEMORY");
            Assert.That(_recorder.Steps[_summary.OtherCalls["LOAD_KDATA after end of boot"]].Expected, Is.EqualTo(-1L), "EPERM");
            Assert.That(_summary.PatchSteps, Has.Count.GreaterThanOrEqualTo(12), "two static keys switched and back, three steps per site");
            Assert.That(_summary.PatchSteps.Select(s => _recorder.Steps[s].Expected), Has.All.Zero, "legal text_poke_bp steps");
            Assert.That(_recorder.Steps[_summary.ForgedPatchStep - 1].Expected, Is.Zero, "INT3 at a known site");
            Assert.That(_recorder.Steps[_summary.ForgedPatchStep].Expected, Is.EqualTo(-13L), "EACCES: a jump label retargeted");
        });
    }

    [Test]
    public async Task InTheImageEveryModuleValidatesExactlyAsOnTheHost()
    {
        var boot = await QemuRunner.BootAsync(new QemuBootOptions
        {
            KernelPath = ImageUnderTest.Layout.ImageElf,
            CommandLine = "guest=replay",
            MemoryMiB = 512,
            InitrdPath = _script,
            Timeout = TimeSpan.FromSeconds(Math.Max(180, ImageUnderTest.BootTimeout.TotalSeconds)),
        });
        var lines = boot.Serial.Lines.Select(l => StepLine.Match(l)).Where(m => m.Success).ToList();
        TestContext.Out.WriteLine($"{new FileInfo(_script).Length:N0}-byte script, {_recorder.Steps.Count} steps; boot {boot.Elapsed.TotalSeconds:F1} s");

        Assert.That(boot.Outcome, Is.EqualTo(BootOutcome.Success), boot.Describe());
        Assert.That(lines, Has.Count.EqualTo(_recorder.Steps.Count), boot.Describe());
        Assert.That(lines.Where(m => m.Groups["rest"].Value.StartsWith("VALIDATE_MODULE ok (", StringComparison.Ordinal)).Count(),
            Is.EqualTo(22), "20 tokens and 2 refusals, " + boot.Describe());
        Assert.That(boot.Serial.Lines, Has.Some.Match($@"^replay: {_recorder.Steps.Count} passed, 0 failed"), boot.Describe());
    }
}
