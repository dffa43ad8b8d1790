using Lvbs.Kernel.Diagnostics;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Kernel;

public class KernelExitCodeTests
{
    [TestCase(KernelExitCode.Success, 33)]
    [TestCase(KernelExitCode.TestsFailed, 35)]
    [TestCase(KernelExitCode.UnhandledException, 251)]
    [TestCase(KernelExitCode.CpuException, 253)]
    [TestCase(KernelExitCode.Panic, 255)]
    public void QemuStatusIsShiftedValueWithLowBitSet(KernelExitCode code, int qemuStatus)
    {
        Assert.That(((int)code << 1) | 1, Is.EqualTo(qemuStatus));
    }
}
