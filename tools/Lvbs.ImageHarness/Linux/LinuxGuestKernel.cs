using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Lvbs.ImageHarness.Linux;

/// <summary>
/// Obtains the stock Debian kernel the secure kernel boots as its Linux guest: resolves the
/// versioned package behind the <c>linux-image-cloud-amd64</c> metapackage, downloads it with
/// <c>apt-get download</c> (no install, no root needed beyond apt's own), extracts it with
/// <c>dpkg -x</c> and caches the bzImage under <c>artifacts/linux-guest/&lt;package&gt;/</c>.
/// A cached kernel is reused without touching the network.
/// </summary>
public sealed class LinuxGuestKernel
{
    /// <summary>The metapackage whose dependency names the current cloud kernel.</summary>
    public const string MetaPackage = "linux-image-cloud-amd64";

    /// <summary>
    /// Used when apt-cache cannot resolve the metapackage (e.g. no apt lists yet): the kernel
    /// the native SVM investigation and module-signature notes were written against.
    /// </summary>
    public const string FallbackPackage = "linux-image-6.1.0-56-cloud-amd64";

    private const string CachedKernelName = "vmlinuz";

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> s_gates = new(StringComparer.Ordinal);

    /// <summary>Caches under <paramref name="cacheRoot"/> (normally <see cref="DefaultCacheRoot"/>).</summary>
    public LinuxGuestKernel(string cacheRoot)
    {
        CacheRoot = Path.GetFullPath(cacheRoot);
    }

    /// <summary>The cache directory of the repository: <c>artifacts/linux-guest</c>.</summary>
    public static string DefaultCacheRoot(RepoLayout layout) => Path.Combine(layout.Root, "artifacts", "linux-guest");

    /// <summary>Where packages are cached, one subdirectory per package.</summary>
    public string CacheRoot { get; }

    /// <summary>
    /// A specific package to use (e.g. <c>linux-image-6.1.0-56-cloud-amd64</c>); null resolves
    /// <see cref="MetaPackage"/>'s dependency with apt-cache.
    /// </summary>
    public string? Package { get; init; }

    /// <summary>Returns the path of the bzImage, downloading and extracting it if not cached.</summary>
    /// <param name="onProgress">Receives one line per step (resolve, download, extract).</param>
    /// <param name="cancellationToken">Cancels a running apt-get or dpkg.</param>
    /// <exception cref="LinuxGuestException">apt or dpkg is missing or failed; the message says why.</exception>
    public async Task<LinuxGuestKernelFile> GetAsync(Action<string>? onProgress = null, CancellationToken cancellationToken = default)
    {
        var package = Package ?? await ResolvePackageAsync(onProgress, cancellationToken).ConfigureAwait(false);
        var packageDir = Path.Combine(CacheRoot, package);

        // Test fixtures run in parallel and several fetch the same kernel: one fetch per package
        // directory at a time in this process; across processes, the .deb and the vmlinuz are
        // only ever published by an atomic move out of a private download or extract directory.
        SemaphoreSlim gate = s_gates.GetOrAdd(packageDir, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await FetchAsync(package, packageDir, onProgress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<LinuxGuestKernelFile> FetchAsync(string package, string packageDir, Action<string>? onProgress, CancellationToken cancellationToken)
    {
        var cached = Path.Combine(packageDir, CachedKernelName);
        if (File.Exists(cached))
        {
            onProgress?.Invoke($"Using cached {package}: {cached}");
            return new LinuxGuestKernelFile(package, cached, Downloaded: false, TimeSpan.Zero);
        }

        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(packageDir);
        var deb = FindDeb(packageDir, package);
        if (deb is null)
        {
            onProgress?.Invoke($"Downloading {package} (apt-get download)...");
            var downloadDir = Path.Combine(packageDir, $"download.{Guid.NewGuid():N}");
            Directory.CreateDirectory(downloadDir);
            try
            {
                var download = await HostCommand.RunAsync("apt-get", ["download", package], downloadDir, cancellationToken).ConfigureAwait(false);
                var fetched = FindDeb(downloadDir, package);
                if (download.ExitCode != 0 || fetched is null)
                {
                    throw new LinuxGuestException(LinuxGuestFailure.Download,
                        $"apt-get download {package} failed (exit code {download.ExitCode}). It needs the Debian repositories to be reachable " +
                        $"and the apt lists to be current (run 'apt-get update' as root). apt-get said:\n{download.Tail()}");
                }

                deb = Path.Combine(packageDir, Path.GetFileName(fetched));
                File.Move(fetched, deb, overwrite: true);
            }
            finally
            {
                Directory.Delete(downloadDir, recursive: true);
            }
        }

        onProgress?.Invoke($"Extracting {Path.GetFileName(deb)} (dpkg -x)...");
        var extractDir = Path.Combine(packageDir, $"extracted.{Guid.NewGuid():N}");

        try
        {
            var extract = await HostCommand.RunAsync("dpkg", ["-x", deb, extractDir], packageDir, cancellationToken).ConfigureAwait(false);
            if (extract.ExitCode != 0)
            {
                throw new LinuxGuestException(LinuxGuestFailure.Extract,
                    $"dpkg -x {deb} failed (exit code {extract.ExitCode}); the download may be truncated (delete {packageDir} to fetch it again). dpkg said:\n{extract.Tail()}");
            }

            var bootDir = Path.Combine(extractDir, "boot");
            var vmlinuz = Directory.Exists(bootDir) ? Directory.GetFiles(bootDir, "vmlinuz-*").OrderBy(f => f, StringComparer.Ordinal).FirstOrDefault() : null;
            if (vmlinuz is null)
            {
                throw new LinuxGuestException(LinuxGuestFailure.Extract, $"{Path.GetFileName(deb)} holds no boot/vmlinuz-*: is {package} a kernel image package?");
            }

            // Keep the bzImage and the .deb (re-extractable offline); the modules tree is large
            // and the guest's initramfs does not use it.
            var temp = $"{cached}.{Guid.NewGuid():N}.tmp";
            File.Copy(vmlinuz, temp, overwrite: true);
            File.Move(temp, cached, overwrite: true);
        }
        finally
        {
            if (Directory.Exists(extractDir))
            {
                Directory.Delete(extractDir, recursive: true);
            }
        }

        onProgress?.Invoke($"Cached {package} ({new FileInfo(cached).Length:N0} bytes) in {clock.Elapsed.TotalSeconds:F1} s: {cached}");
        return new LinuxGuestKernelFile(package, cached, Downloaded: true, clock.Elapsed);
    }

    /// <summary>
    /// Reads the versioned kernel package <see cref="MetaPackage"/> depends on from
    /// <c>apt-cache depends</c> output; null when there is none.
    /// </summary>
    public static string? ParseDependsOutput(string aptCacheOutput)
    {
        foreach (var raw in aptCacheOutput.Split('\n'))
        {
            var line = raw.Trim();
            // "Depends: linux-image-6.1.0-56-cloud-amd64" (alternatives are prefixed with '|').
            if (line.TrimStart('|').StartsWith("Depends:", StringComparison.Ordinal))
            {
                var name = line[(line.IndexOf(':') + 1)..].Trim();
                if (name.StartsWith("linux-image-", StringComparison.Ordinal) && !name.Contains(' ') && !name.StartsWith('<'))
                {
                    return name;
                }
            }
        }

        return null;
    }

    private static async Task<string> ResolvePackageAsync(Action<string>? onProgress, CancellationToken cancellationToken)
    {
        HostCommand.Result result;
        try
        {
            result = await HostCommand.RunAsync("apt-cache", ["depends", MetaPackage], null, cancellationToken).ConfigureAwait(false);
        }
        catch (LinuxGuestException)
        {
            // No apt-cache at all: apt-get download will fail too, with the clearer message.
            onProgress?.Invoke($"apt-cache is not available; using {FallbackPackage}.");
            return FallbackPackage;
        }

        if (result.ExitCode == 0 && ParseDependsOutput(string.Join('\n', result.Output)) is { } package)
        {
            onProgress?.Invoke($"{MetaPackage} depends on {package}.");
            return package;
        }

        onProgress?.Invoke($"apt-cache could not resolve {MetaPackage} (run 'apt-get update'?); using {FallbackPackage}.");
        return FallbackPackage;
    }

    private static string? FindDeb(string directory, string package) =>
        Directory.GetFiles(directory, package + "_*.deb").OrderBy(f => f, StringComparer.Ordinal).LastOrDefault();
}
