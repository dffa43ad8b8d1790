using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Lvbs.ImageHarness;
using Lvbs.ImageHarness.Build;
using Lvbs.ImageHarness.Host;
using Lvbs.ImageHarness.Qemu;
using NUnit.Framework;

namespace Lvbs.Tests.Image.Boot;

/// <summary>
/// The image every boot test uses: built once per test run, and booted once per distinct
/// kernel command line (tests asserting different things about the same boot share it).
/// </summary>
public static class ImageUnderTest
{
    /// <summary>The repository the tests run in.</summary>
    public static RepoLayout Layout { get; } = RepoLayout.Discover(TestContext.CurrentContext.TestDirectory);

    private static readonly Lazy<Task<ImageBuildResult>> Build = new(() => ImageBuilder.BuildAsync(Layout));
    private static readonly ConcurrentDictionary<string, Lazy<Task<BootResult>>> Boots = new(StringComparer.Ordinal);

    /// <summary>
    /// Per-boot limit: LVBS_BOOT_TIMEOUT seconds, default 60. Generous because a loaded CI
    /// machine under TCG can be slow; a hang still ends.
    /// </summary>
    public static TimeSpan BootTimeout { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("LVBS_BOOT_TIMEOUT"), out var s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : QemuBootOptions.DefaultTimeout;

    /// <summary>
    /// Call from OneTimeSetUp. Ignores the fixture when QEMU is absent on a developer machine;
    /// in CI (CI=true) absence is a failure. A failed image build always fails.
    /// </summary>
    public static async Task EnsureReadyAsync()
    {
        var missing = HostTools.Missing(HostTools.ForBoot);
        if (missing.Count > 0)
        {
            var message = HostTools.DescribeMissing(missing);
            if (IsCi)
            {
                Assert.Fail("CI=true and QEMU is required: " + message);
            }

            Assert.Ignore("Image boots need QEMU. " + message);
        }

        var build = await Build.Value;
        if (!build.Succeeded)
        {
            var tail = string.Join('\n', build.Output.Skip(Math.Max(0, build.Output.Count - 40)));
            Assert.Fail($"{build.Message}\n{tail}");
        }

        Assert.That(File.Exists(Layout.ImageElf), Is.True, $"{Layout.ImageElf} missing after the build.");
    }

    /// <summary>Boots the image with <paramref name="commandLine"/> (once per distinct line).</summary>
    public static Task<BootResult> BootAsync(string commandLine) =>
        Boots.GetOrAdd(commandLine, line => new Lazy<Task<BootResult>>(() => QemuRunner.BootAsync(new QemuBootOptions
        {
            KernelPath = Layout.ImageElf,
            CommandLine = line,
            Timeout = BootTimeout,
        }))).Value;

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
