using Lvbs.ImageHarness.Linux;
using NUnit.Framework;

namespace Lvbs.Tests.Image.Linux;

/// <summary>Resolving the versioned kernel package from <c>apt-cache depends</c> output.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class LinuxGuestKernelTests
{
    [Test]
    public void ReadsTheKernelPackageTheMetapackageDependsOn()
    {
        const string output = "linux-image-cloud-amd64\n  Depends: linux-image-6.1.0-56-cloud-amd64\n";
        Assert.That(LinuxGuestKernel.ParseDependsOutput(output), Is.EqualTo("linux-image-6.1.0-56-cloud-amd64"));
    }

    [Test]
    public void SkipsOtherDependenciesAndVirtualPackages()
    {
        const string output = "linux-image-cloud-amd64\n  Depends: <linux-image-virtual>\n  Depends: initramfs-tools\n |Depends: linux-image-6.1.0-57-cloud-amd64\n  Recommends: linux-image-6.1.0-1-cloud-amd64\n";
        Assert.That(LinuxGuestKernel.ParseDependsOutput(output), Is.EqualTo("linux-image-6.1.0-57-cloud-amd64"));
    }

    [TestCase("")]
    [TestCase("E: No packages found")]
    [TestCase("linux-image-cloud-amd64\n  Recommends: linux-image-6.1.0-56-cloud-amd64\n")]
    public void WhenThereIsNoKernelDependency_ReturnsNull(string output) =>
        Assert.That(LinuxGuestKernel.ParseDependsOutput(output), Is.Null);
}
