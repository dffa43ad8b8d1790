using Lvbs.ImageHarness.Qemu;
using Lvbs.Kernel.Diagnostics;
using NUnit.Framework;

namespace Lvbs.Tests.Image.Harness;

[TestFixture]
public sealed class BootOutcomesTests
{
    [TestCase(KernelExitCode.Success, BootOutcome.Success)]
    [TestCase(KernelExitCode.TestsFailed, BootOutcome.TestsFailed)]
    [TestCase(KernelExitCode.UnhandledException, BootOutcome.UnhandledException)]
    [TestCase(KernelExitCode.CpuException, BootOutcome.CpuException)]
    [TestCase(KernelExitCode.Panic, BootOutcome.Panic)]
    public void WhenImageWroteKnownValue_MapsIsaDebugExitStatus(KernelExitCode value, BootOutcome expected)
    {
        // isa-debug-exit: status = (v << 1) | 1.
        var status = ((int)value << 1) | 1;

        var (outcome, kernelValue) = BootOutcomes.Classify(status);

        Assert.That(outcome, Is.EqualTo(expected));
        Assert.That(kernelValue, Is.EqualTo((int)value));
    }

    [TestCase(0, BootOutcome.TripleFault)]
    [TestCase(1, BootOutcome.QemuError)]
    [TestCase(2, BootOutcome.QemuError)]
    [TestCase(137, BootOutcome.UnknownExitValue)]
    [TestCase(-1, BootOutcome.QemuError)]
    public void WhenStatusIsNotAKernelValue_ClassifiesHostSide(int status, BootOutcome expected)
    {
        Assert.That(BootOutcomes.Classify(status).Outcome, Is.EqualTo(expected));
    }

    [Test]
    public void EveryOutcome_HasADescription()
    {
        foreach (var outcome in System.Enum.GetValues<BootOutcome>())
        {
            Assert.That(BootOutcomes.Describe(outcome), Is.Not.Empty, outcome.ToString());
        }
    }
}
