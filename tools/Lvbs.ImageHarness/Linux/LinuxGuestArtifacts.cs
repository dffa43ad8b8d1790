using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Lvbs.ImageHarness.Linux;

/// <summary>
/// Prepares everything a <c>guest=linux</c> boot needs, in <c>artifacts/linux-guest/</c>: the
/// Debian kernel (downloaded once, see <see cref="LinuxGuestKernel"/>), the busybox initramfs
/// and the blob that reaches the secure kernel as QEMU's <c>-initrd</c>. Shared by
/// <c>lvbs run --guest linux</c> and the image tests.
/// </summary>
public static class LinuxGuestArtifacts
{
    /// <summary>Builds the blob (and whatever it needs) for <paramref name="commandLine"/>.</summary>
    /// <param name="layout">The repository; files go under its artifacts directory.</param>
    /// <param name="commandLine">The guest kernel's command line.</param>
    /// <param name="onProgress">Receives one line per step.</param>
    /// <param name="cancellationToken">Cancels a download in progress.</param>
    /// <exception cref="LinuxGuestException">A step failed; the message says what to do.</exception>
    public static async Task<LinuxGuestBlobFiles> PrepareAsync(
        RepoLayout layout,
        string commandLine = LinuxGuestBlob.DefaultCommandLine,
        Action<string>? onProgress = null,
        CancellationToken cancellationToken = default)
    {
        var directory = LinuxGuestKernel.DefaultCacheRoot(layout);
        Directory.CreateDirectory(directory);
        var kernel = await new LinuxGuestKernel(directory).GetAsync(onProgress, cancellationToken).ConfigureAwait(false);

        var clock = Stopwatch.StartNew();
        var initramfs = Path.Combine(directory, "initramfs.cpio.gz");
        new InitramfsBuilder().Write(initramfs);
        var blob = Path.Combine(directory, "linux-guest.blob");
        LinuxGuestBlob.Write(blob, kernel.VmlinuzPath, initramfs, commandLine);
        var size = new FileInfo(blob).Length;
        onProgress?.Invoke($"Wrote {blob} ({size:N0} bytes: kernel {new FileInfo(kernel.VmlinuzPath).Length:N0}, initramfs {new FileInfo(initramfs).Length:N0}) in {clock.Elapsed.TotalMilliseconds:F0} ms");
        return new LinuxGuestBlobFiles(kernel, initramfs, blob, size, commandLine);
    }
}
