extern alias core;

using System.Linq;
using Lvbs.ImageHarness.Replay;
using ReplayScript = core::Lvbs.Kernel.Boot.Replay.ReplayScript;
using ReplayScriptLayout = core::Lvbs.Kernel.Boot.Replay.ReplayScriptLayout;
using ReplayScriptStatus = core::Lvbs.Kernel.Boot.Replay.ReplayScriptStatus;
using NUnit.Framework;

namespace Lvbs.Tests.Image.Replay;

/// <summary>
/// Host-only checks of the recorder and writer against the kernel's own parser: what the
/// recorder writes is what the image will accept, and it carries the pages VTL0 wrote.
/// </summary>
[TestFixture]
public sealed class ReplayRecordingTests
{
    [Test]
    public void TheRecordedScriptIsAcceptedByTheKernelParser()
    {
        var recorder = HekiLockdownRecording.Record();
        byte[] script = recorder.ToScript();

        var status = ReplayScript.TryParse(script, ReplayScriptWriter.ReplayGuestRegionEnd, 10240, out ReplayScriptLayout layout, out int bad);

        Assert.That((status, bad), Is.EqualTo((ReplayScriptStatus.Ok, -1)));
        Assert.That(layout.StepCount, Is.EqualTo(recorder.Steps.Count));
        Assert.That(layout.PageCount, Is.EqualTo(recorder.Pages.Count));
        for (int i = 0; i < layout.StepCount; i++)
        {
            var step = ReplayScript.ReadStep(script, i);
            var expected = recorder.Steps[i];
            Assert.That((step.A0, step.A1, step.A2, step.A3, step.Expected, (uint)step.Kind, (uint)step.Access),
                Is.EqualTo((expected.A0, expected.A1, expected.A2, expected.A3, expected.Expected, (uint)expected.Kind, (uint)expected.Access)), $"step {i}");
        }
    }

    [Test]
    public void TheRecordingHoldsTheHekiChainsAndTheKernelImageBeforeTheyAreUsed()
    {
        var recorder = HekiLockdownRecording.Record();
        var text = recorder.Pages.FirstOrDefault(p => p.Gpa == HekiLockdownRecording.Text);
        int firstCall = recorder.Steps.ToList().FindIndex(s => s.Kind == ReplayStepKind.Call);

        Assert.That(text, Is.Not.Null, "the text page VTL0 wrote is recorded");
        Assert.That(text!.BeforeStep, Is.EqualTo(0), "it is written before the first step");
        Assert.That(recorder.Pages.Any(p => p.Gpa >= 30UL << 20 && p.BeforeStep == firstCall), Is.True, "the heki chain of the first call is recorded before that call");
        Assert.That(recorder.UnreplayableIntercepts, Is.Zero);
    }

    [Test]
    public void TheRecordingHasAcceptedAndRefusedCallsAndProbes()
    {
        var steps = HekiLockdownRecording.Record().Steps;
        var calls = steps.Where(s => s.Kind == ReplayStepKind.Call).ToList();
        var probes = steps.Where(s => s.Kind == ReplayStepKind.Probe).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(calls.Count(c => c.Expected == 0), Is.GreaterThanOrEqualTo(3), "PROTECT_MEMORY, LOCK_REGS, SIGNAL_END_OF_BOOT succeed");
            Assert.That(calls.Count(c => c.Expected < 0), Is.GreaterThanOrEqualTo(5), "refused calls carry negative errnos");
            Assert.That(probes.Count(p => p.Expected == ReplayStepRecord.Refused), Is.GreaterThanOrEqualTo(5));
            Assert.That(probes.Count(p => p.Expected == ReplayStepRecord.Completes), Is.GreaterThanOrEqualTo(4));
        });
    }
}
