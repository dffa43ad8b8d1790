using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Lvbs.ImageHarness.Linux;
using Lvbs.ImageHarness.Qemu;
using NUnit.Framework;

namespace Lvbs.Tests.Image.Boot;

/// <summary>
/// A stock Debian kernel as the secure kernel's guest (<c>guest=linux</c>): the blob built by
/// <see cref="LinuxGuestArtifacts"/> arrives as PVH module 0; Linux must reach its busybox
/// /init and power off; the secure kernel must write-protect the kernel text at end of boot,
/// refuse the initramfs's attack on its memory, and refuse nothing else (its CR/MSR pinning must
/// not trip on a legitimate Linux boot).
/// </summary>
[TestFixture]
public sealed class LinuxGuestBootTests
{
    /// <summary>A Linux boot to poweroff takes seconds natively, much longer on a loaded TCG host.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(240);

    private static readonly Regex Refused = new(@"(?:(?<![\d.])(?<n>\d+) refused\b)|(?:refused:(?<list>.*)$)", RegexOptions.Compiled);
    private static readonly Regex Count = new(@"(\d+) [a-z]", RegexOptions.Compiled);

    private LinuxGuestBlobFiles _guest = null!;
    private Lazy<Task<BootResult>> _boot = null!;

    [OneTimeSetUp]
    public async Task PrepareGuest()
    {
        await ImageUnderTest.EnsureReadyAsync();
        try
        {
            _guest = await LinuxGuestArtifacts.PrepareAsync(ImageUnderTest.Layout, onProgress: TestContext.Progress.WriteLine);
        }
        catch (LinuxGuestException e) when (e.Failure is LinuxGuestFailure.Download or LinuxGuestFailure.HostTool && !IsCi)
        {
            // No network (or no apt/busybox-static) on a developer machine: not a product failure.
            Assert.Ignore("The Linux guest could not be prepared: " + e.Message);
        }

        _boot = new Lazy<Task<BootResult>>(() => QemuRunner.BootAsync(new QemuBootOptions
        {
            KernelPath = ImageUnderTest.Layout.ImageElf,
            CommandLine = "guest=linux",
            MemoryMiB = 512,
            InitrdPath = _guest.BlobPath,
            Timeout = Timeout,
        }));
    }

    [Test]
    public async Task TheGuestBootsToUserspaceAndPowersOff()
    {
        var boot = await _boot.Value;
        TestContext.Out.WriteLine($"blob {_guest.BlobSize:N0} bytes ({_guest.Kernel.Package}); boot to poweroff {boot.Elapsed.TotalSeconds:F2} s");

        Assert.That(boot.Outcome, Is.EqualTo(BootOutcome.Success), boot.Describe());
        Assert.That(boot.Serial.Lines, Has.Some.Contains(InitramfsBuilder.UserspaceMarker), boot.Describe());
    }

    [Test]
    public async Task KernelTextIsWriteProtectedAtEndOfBootAndTheAttackIsRefused()
    {
        var boot = await _boot.Value;
        Assert.Multiple(() =>
        {
            Assert.That(boot.Serial.Lines, Has.Some.Match(@"^linux-guest: kernel text and read-only data at 0x1000000-0x[0-9a-f]+ \(from the bzImage's ELF headers\)"), boot.Describe());
            Assert.That(boot.Serial.Lines, Has.Some.Match(@"^linux-guest: end of boot signalled; kernel text write-protected through nested paging \(\d+ pages\)"), boot.Describe());
            Assert.That(boot.Serial.Lines, Has.Some.Match(@"^linux-guest: secure kernel blocked .* at 0x100000, rip "), boot.Describe());
            Assert.That(boot.Serial.Lines, Has.Some.Contains("lvbs-linux-guest: attacker exit status 139"), "the attacking process is killed, Linux carries on");
        });
    }

    [Test]
    public async Task TheSecureKernelReportsThePoweroffWithNoFalsePositives()
    {
        var boot = await _boot.Value;
        var poweredOff = boot.Serial.Lines.Where(l => l.StartsWith("linux-guest: powered off", StringComparison.Ordinal)).ToList();
        foreach (var line in poweredOff)
        {
            TestContext.Out.WriteLine(line);
        }

        Assert.That(poweredOff, Has.Count.EqualTo(1), boot.Describe());
        var refused = RefusalCounts(poweredOff[0]);
        foreach (var line in boot.Serial.Lines.Where(l => l.StartsWith("linux-guest: secure kernel blocked", StringComparison.Ordinal)))
        {
            TestContext.Out.WriteLine(line);
        }
        // Register pinning refuses nothing Linux does on its own, and the only other refused access
        // is the initramfs's deliberate attack on the secure kernel. Kernel text writes after
        // protection are Linux's runtime patching, refused until text-patch validation exists:
        // reported, not failed on (docs/backends/native-svm.md).
        Assert.That(refused, Has.Count.EqualTo(3), poweredOff[0]);
        Assert.That(refused[0], Is.Zero, "register writes refused: " + poweredOff[0]);
        Assert.That(refused[2], Is.EqualTo(1), "memory accesses refused besides kernel text: " + poweredOff[0]);
    }

    /// <summary>
    /// The refusal counts in the poweroff report: either "N refused" or, itemised,
    /// "refused: N register writes, N memory accesses". Empty when the line has neither.
    /// </summary>
    internal static IReadOnlyList<long> RefusalCounts(string line)
    {
        var match = Refused.Match(line);
        if (!match.Success)
        {
            return [];
        }

        if (match.Groups["n"].Success)
        {
            return [long.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture)];
        }

        return Count.Matches(match.Groups["list"].Value).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
    }

    [TestCase("linux-guest: powered off after 74 exits (7 CR0 writes), 0 refused", new long[] { 0 })]
    [TestCase("linux-guest: powered off after 74 exits (7 CR0 writes), 10 refused", new long[] { 10 })]
    [TestCase("linux-guest: powered off after 74 exits (0 VTL calls); refused: 0 register writes, 0 memory accesses", new long[] { 0, 0 })]
    [TestCase("linux-guest: powered off after 74 exits (0 VTL calls); refused: 0 register writes, 2 memory accesses", new long[] { 0, 2 })]
    [TestCase("linux-guest: powered off after 78 exits (6 port accesses, 0 VTL calls); refused: 0 register writes, 3 kernel text writes, 1 other memory accesses", new long[] { 0, 3, 1 })]
    [TestCase("linux-guest: powered off after 74 exits", new long[0])]
    public void RefusalCountsAreReadFromEitherReportFormat(string line, long[] expected) =>
        Assert.That(RefusalCounts(line), Is.EqualTo(expected));

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
