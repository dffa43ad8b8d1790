extern alias core;

using System.Linq;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Simulated;
using Lvbs.ImageHarness.Replay;
using Lvbs.Kernel.Boot.Replay;
using NUnit.Framework;
using ReplayScript = core::Lvbs.Kernel.Boot.Replay.ReplayScript;
using ReplayScriptLayout = core::Lvbs.Kernel.Boot.Replay.ReplayScriptLayout;
using ReplayScriptStatus = core::Lvbs.Kernel.Boot.Replay.ReplayScriptStatus;

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

    [TestCase(0x8_0000UL, 1, TestName = "Vtl1InsideTheReplayGuestsFirstMiB")]
    [TestCase(1UL << 20, 2, TestName = "MoreThanOneVp")]
    public void AMachineTheImageCannotReplayIsRefused(ulong vtl1Base, int vps)
    {
        var machine = new SimulatedMachine(new SimulatedMachineOptions { RamSize = 32UL << 20, Vtl1Base = vtl1Base, Vtl1Size = 1UL << 20, VpCount = vps });

        Assert.That(() => new ReplayRecorder(machine, new NoKernel()), Throws.ArgumentException);
    }

    [Test]
    public void AVtl0WriteIntoTheReplayGuestsFirstMiBIsRefusedAtTheNextStep()
    {
        var machine = new SimulatedMachine(new SimulatedMachineOptions { RamSize = 32UL << 20, Vtl1Base = 1UL << 20, Vtl1Size = 1UL << 20, VpCount = 1 });
        var recorder = new ReplayRecorder(machine, new NoKernel());
        machine.Vtl0(0).Write(0x5000, new byte[] { 1 });

        Assert.That(() => machine.Vtl0(0).VtlCall(0x1FFE3), Throws.InvalidOperationException.With.Message.Contains("0x5000"));
        Assert.That(recorder.Steps, Is.Empty);
    }

    [Test]
    public void PagesAreRecordedOnlyWhenVtl0ChangedThem()
    {
        var machine = new SimulatedMachine(new SimulatedMachineOptions { RamSize = 32UL << 20, Vtl1Base = 1UL << 20, Vtl1Size = 1UL << 20, VpCount = 1 });
        var recorder = new ReplayRecorder(machine, new NoKernel());
        var vtl0 = machine.Vtl0(0);
        vtl0.Write(0x100_0000, new byte[] { 7 });
        vtl0.VtlCall(0x1FFE3);
        vtl0.VtlCall(0x1FFE3);                         // nothing changed: no page
        vtl0.Write(0x100_0000, new byte[] { 7 });     // same bytes again: no page
        vtl0.Write(0x100_1000, new byte[] { 0 });     // zero into a zero page: no page
        vtl0.Write(0x100_0001, new byte[] { 9 });
        recorder.Probe(0x100_0000, ReplayAccess.Read);

        Assert.That(recorder.Pages.Select(p => (p.BeforeStep, p.Gpa, p.Data[0], p.Data[1])),
            Is.EqualTo(new[] { (0, 0x100_0000UL, (byte)7, (byte)0), (2, 0x100_0000UL, (byte)7, (byte)9) }));
        Assert.That(recorder.Steps.Select(s => (s.Kind, s.Expected)),
            Is.EqualTo(new[] { (ReplayStepKind.Call, -38L), (ReplayStepKind.Call, -38L), (ReplayStepKind.Probe, ReplayStepRecord.Completes) }));
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

    /// <summary>A VTL1 that answers every call -ENOSYS (-38) and ignores intercepts.</summary>
    private sealed class NoKernel : IVtlEntryHandler
    {
        public long OnEntry(in VtlEntry entry) => -38;
    }
}
