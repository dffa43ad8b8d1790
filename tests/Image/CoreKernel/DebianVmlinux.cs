using System;
using System.IO;
using System.Threading.Tasks;
using Lvbs.ImageHarness.Linux;
using Lvbs.Tests.Image.Boot;
using NUnit.Framework;

namespace Lvbs.Tests.Image.CoreKernel;

/// <summary>
/// The vmlinux of the pinned Debian cloud kernel package the Linux guest uses, decompressed once
/// per test run. On a fresh machine the package is fetched with apt-get download
/// (<see cref="LinuxGuestKernel"/>); without network a developer run is ignored, a CI run fails.
/// </summary>
internal static class DebianVmlinux
{
    private static Task<VmlinuxImage>? s_image;

    public static async Task<VmlinuxImage> GetAsync()
    {
        try
        {
            return await (s_image ??= LoadAsync());
        }
        catch (LinuxGuestException e) when (e.Failure is LinuxGuestFailure.Download or LinuxGuestFailure.HostTool && !IsCi)
        {
            Assert.Ignore("The Debian kernel could not be fetched: " + e.Message);
            throw;
        }
    }

    private static async Task<VmlinuxImage> LoadAsync()
    {
        string directory = LinuxGuestKernel.DefaultCacheRoot(ImageUnderTest.Layout);
        Directory.CreateDirectory(directory);
        LinuxGuestKernelFile file = await new LinuxGuestKernel(directory) { Package = LinuxGuestKernel.FallbackPackage }
            .GetAsync(TestContext.Progress.WriteLine);
        return VmlinuxImage.FromBzImage(await File.ReadAllBytesAsync(file.VmlinuzPath));
    }

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
