using System;
using System.Linq;
using Lvbs.ImageHarness.Qemu;
using NUnit.Framework;

namespace Lvbs.Tests.Image.Harness;

/// <summary>The optional memory size and <c>-initrd</c> in the QEMU argument list.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class QemuCommandLineOptionsTests
{
    private static string After(string flag, QemuBootOptions options)
    {
        var args = QemuCommandLine.Build(options).ToList();
        var i = args.IndexOf(flag);
        return i >= 0 && i + 1 < args.Count ? args[i + 1] : "(absent)";
    }

    [Test]
    public void ByDefault_128MiBAndNoInitrd()
    {
        var options = new QemuBootOptions { KernelPath = "k.elf" };

        Assert.That(After("-m", options), Is.EqualTo("128M"));
        Assert.That(QemuCommandLine.Build(options), Has.None.EqualTo("-initrd"));
    }

    [Test]
    public void MemoryAndInitrdAreAppliedAndTheCpuStaysMax()
    {
        var options = new QemuBootOptions { KernelPath = "k.elf", MemoryMiB = 512, InitrdPath = "/a b/linux-guest.blob", CommandLine = "guest=linux" };

        Assert.Multiple(() =>
        {
            Assert.That(After("-m", options), Is.EqualTo("512M"));
            Assert.That(After("-initrd", options), Is.EqualTo("/a b/linux-guest.blob"));
            Assert.That(After("-cpu", options), Is.EqualTo("max"), "SVM with nested paging");
            Assert.That(After("-append", options), Is.EqualTo("guest=linux"));
            Assert.That(QemuCommandLine.Format(options), Does.Contain("-initrd '/a b/linux-guest.blob'"));
        });
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void NonPositiveMemoryIsRejected(int mib) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => QemuCommandLine.Build(new QemuBootOptions { KernelPath = "k", MemoryMiB = mib }));
}
