using System;
using System.Collections.Concurrent;
using System.IO;
using System.Runtime.Versioning;
using System.Threading.Tasks;
using Lvbs.ImageHarness.Qemu;
using NUnit.Framework;

namespace Lvbs.Tests.Image.Harness;

/// <summary>
/// The runner against a fake QEMU (a shell script), so streaming, exit classification, timeout
/// and missing-executable handling are tested without QEMU or an image.
/// </summary>
[TestFixture]
[UnsupportedOSPlatform("windows")]
[Parallelizable(ParallelScope.Children)]
public sealed class QemuRunnerTests
{
    private string _dir = null!;

    [OneTimeSetUp]
    public void CreateDirectory()
    {
        _dir = Path.Combine(Path.GetTempPath(), "lvbs-fake-qemu-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [OneTimeTearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    private string FakeQemu(string name, string body)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static QemuBootOptions Options(string qemu, string commandLine = "", int timeoutSeconds = 30) => new()
    {
        KernelPath = "/nonexistent/kernel.elf",
        CommandLine = commandLine,
        QemuExecutable = qemu,
        Timeout = TimeSpan.FromSeconds(timeoutSeconds),
    };

    [Test]
    public async Task WhenImageExitsWithSuccess_StreamsLinesAndReportsSuccess()
    {
        var qemu = FakeQemu("ok", "printf 'Lvbs.SecureKernel 1\\r\\ntest a ... ok\\r\\n1 passed, 0 failed\\r\\n'; exit 33");
        var seen = new ConcurrentQueue<string>();

        var result = await QemuRunner.BootAsync(Options(qemu), seen.Enqueue);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(BootOutcome.Success));
            Assert.That(result.QemuStatus, Is.EqualTo(33));
            Assert.That(result.KernelValue, Is.EqualTo(0x10));
            Assert.That(result.Serial.Lines, Is.EqualTo(new[] { "Lvbs.SecureKernel 1", "test a ... ok", "1 passed, 0 failed" }));
            Assert.That(seen, Is.EqualTo(result.Serial.Lines));
        });
    }

    [Test]
    public async Task WhenLastLineUnterminated_StillDelivered()
    {
        var qemu = FakeQemu("tail", "printf 'first\\npanic: half a line'; exit 255");

        var result = await QemuRunner.BootAsync(Options(qemu));

        Assert.That(result.Outcome, Is.EqualTo(BootOutcome.Panic));
        Assert.That(result.Serial.Panic, Is.EqualTo("panic: half a line"));
    }

    [Test]
    public async Task PassesKernelAndCommandLineAsSeparateArguments()
    {
        var qemu = FakeQemu("args", "for a in \"$@\"; do echo \"arg:$a\"; done; exit 33");

        var result = await QemuRunner.BootAsync(Options(qemu, "gctest heap=4M"));

        Assert.That(result.Serial.Lines, Does.Contain("arg:-append"));
        Assert.That(result.Serial.Lines, Does.Contain("arg:gctest heap=4M"));
        Assert.That(result.Serial.Lines, Does.Contain("arg:/nonexistent/kernel.elf"));
        Assert.That(result.Serial.Lines, Does.Contain("arg:-no-reboot"));
    }

    [Test]
    public async Task WhenImageHangs_KillsQemuAndReportsTimeout()
    {
        var qemu = FakeQemu("hang", "echo booting; exec sleep 600");

        var result = await QemuRunner.BootAsync(Options(qemu, timeoutSeconds: 1));

        Assert.That(result.Outcome, Is.EqualTo(BootOutcome.Timeout));
        Assert.That(result.QemuStatus, Is.Null);
        Assert.That(result.Serial.Lines, Is.EqualTo(new[] { "booting" }));
    }

    [Test]
    public async Task WhenCancelled_KillsQemuAndReportsCancelled()
    {
        var qemu = FakeQemu("cancel", "exec sleep 600");
        using var cts = new System.Threading.CancellationTokenSource();
        var boot = QemuRunner.BootAsync(Options(qemu), null, cts.Token);

        await cts.CancelAsync();
        var result = await boot;

        Assert.That(result.Outcome, Is.EqualTo(BootOutcome.Cancelled));
    }

    [Test]
    public async Task WhenQemuFails_CapturesStderr()
    {
        var qemu = FakeQemu("fail", "echo 'qemu: could not load kernel' >&2; exit 1");

        var result = await QemuRunner.BootAsync(Options(qemu));

        Assert.That(result.Outcome, Is.EqualTo(BootOutcome.QemuError));
        Assert.That(result.QemuStderr, Does.Contain("could not load kernel"));
    }

    [Test]
    public async Task WhenMachineResets_ReportsTripleFault()
    {
        var qemu = FakeQemu("reset", "exit 0");

        var result = await QemuRunner.BootAsync(Options(qemu));

        Assert.That(result.Outcome, Is.EqualTo(BootOutcome.TripleFault));
    }

    [Test]
    public async Task WhenExecutableMissing_ReportsQemuMissing()
    {
        var result = await QemuRunner.BootAsync(Options(Path.Combine(_dir, "no-such-qemu")));

        Assert.That(result.Outcome, Is.EqualTo(BootOutcome.QemuMissing));
    }
}
