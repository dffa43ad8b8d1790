using System.IO;
using Lvbs.ImageHarness.Linux;
using NUnit.Framework;

namespace Lvbs.Tests.Image.Linux;

/// <summary>The PT_INTERP check that keeps a dynamically linked busybox out of the initramfs.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class StaticExecutableTests
{
    [Test]
    public void WhenThereIsNoInterpreter_ItIsStatic() =>
        Assert.That(StaticExecutable.WhyNotStatic(TestElf.WithProgramHeaders(TestElf.PtLoad, TestElf.PtLoad)), Is.Null);

    [Test]
    public void WhenThereIsAnInterpreter_ItIsDynamic() =>
        Assert.That(StaticExecutable.WhyNotStatic(TestElf.WithProgramHeaders(TestElf.PtLoad, TestElf.PtInterp)), Does.Contain("PT_INTERP"));

    [Test]
    public void NonElfAndTruncatedFilesAreRejected()
    {
        var truncated = TestElf.WithProgramHeaders(TestElf.PtLoad, TestElf.PtLoad)[..100];
        Assert.Multiple(() =>
        {
            Assert.That(StaticExecutable.WhyNotStatic("#!/bin/sh\necho hi\n"u8), Does.Contain("not an ELF"));
            Assert.That(StaticExecutable.WhyNotStatic(truncated), Does.Contain("outside the file"));
            Assert.That(StaticExecutable.WhyNotStatic(TestElf.WithProgramHeaders()), Does.Contain("no program headers"));
        });
    }

    [Test]
    public void TheHostBusyboxIsStatic()
    {
        if (!File.Exists(InitramfsBuilder.DefaultBusyboxPath))
        {
            Assert.Ignore("No /bin/busybox on this host (apt-get install busybox-static).");
        }

        Assert.That(StaticExecutable.WhyNotStatic(File.ReadAllBytes(InitramfsBuilder.DefaultBusyboxPath)), Is.Null,
            "the Linux guest needs busybox-static, not the dynamic busybox package");
    }
}
