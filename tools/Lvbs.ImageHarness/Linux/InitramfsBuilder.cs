using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Lvbs.ImageHarness.Linux;

/// <summary>
/// Builds the Linux guest's initramfs: a newc cpio archive holding a static busybox and an
/// /init script that proves userspace ran (prints <see cref="UserspaceMarker"/> and the kernel
/// release) and then powers the machine off, which is how the boot ends.
/// </summary>
public sealed class InitramfsBuilder
{
    /// <summary>Where Debian's busybox-static installs busybox.</summary>
    public const string DefaultBusyboxPath = "/bin/busybox";

    /// <summary>The line prefix /init prints once userspace runs; tests look for it.</summary>
    public const string UserspaceMarker = "lvbs-linux-guest: userspace reached";

    /// <summary>
    /// The /init script. Every command goes through /bin/busybox explicitly so it does not
    /// depend on applet symlinks; <c>poweroff -f</c> skips init's shutdown sequence and goes
    /// straight to the ACPI power-off the host (QEMU or the secure kernel) observes.
    /// </summary>
    public const string InitScript =
        "#!/bin/busybox sh\n" +
        "/bin/busybox mount -t proc proc /proc\n" +
        "/bin/busybox mount -t devtmpfs devtmpfs /dev\n" +
        "echo \"" + UserspaceMarker + " $(/bin/busybox uname -r)\"\n" +
        "echo \"lvbs-linux-guest: uptime $(/bin/busybox cat /proc/uptime)\"\n" +
        // End of boot: a stock kernel cannot make the LVBS call, so touch the secure kernel's
        // doorbell page (kernel/Image/NativeSvm/LinuxGuestSupervisor.Doorbell); it then
        // write-protects the kernel text through nested paging.
        // Give boot-time deferred work (e.g. TSC calibration flipping static keys) a moment first.
        "/bin/busybox sleep 1\n" +
        "/bin/busybox devmem 0x100000000 32 0x4c56424f\n" +
        // An attack the secure kernel must refuse: read its own memory (needs iomem=relaxed).
        "echo \"" + AttackMarker + " devmem 0x100000\"\n" +
        "/bin/busybox devmem 0x100000 32\n" +
        "echo \"lvbs-linux-guest: attacker exit status $?\"\n" +
        "/bin/busybox poweroff -f\n";

    /// <summary>The line prefix /init prints before attacking the secure kernel's memory.</summary>
    public const string AttackMarker = "lvbs-linux-guest: attacking the secure kernel:";

    /// <summary>The busybox binary to copy in; it must be statically linked.</summary>
    public string BusyboxPath { get; init; } = DefaultBusyboxPath;

    /// <summary>Gzip the archive (Linux unpacks gzip initramfs; about a third of the size).</summary>
    public bool Gzip { get; init; } = true;

    /// <summary>Builds the archive into memory.</summary>
    /// <exception cref="LinuxGuestException">busybox is missing or not static.</exception>
    public byte[] Build()
    {
        var busybox = ReadBusybox();
        using var buffer = new MemoryStream();
        if (Gzip)
        {
            using var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true);
            WriteArchive(gzip, busybox);
        }
        else
        {
            WriteArchive(buffer, busybox);
        }

        return buffer.ToArray();
    }

    /// <summary>Builds the archive and writes it to <paramref name="path"/>.</summary>
    public void Write(string path)
    {
        // Temp file then rename: a concurrent reader (another test run) never sees half a file.
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temp, Build());
        File.Move(temp, path, overwrite: true);
    }

    private static void WriteArchive(Stream output, byte[] busybox)
    {
        using var cpio = new CpioNewcWriter(output, leaveOpen: true);
        cpio.AddDirectory("dev");
        // The kernel opens /dev/console for init's stdin/stdout/stderr before running it;
        // without the node, init runs with no output at all.
        cpio.AddCharDevice("dev/console", 5, 1, permissions: 0x180);
        cpio.AddDirectory("proc");
        cpio.AddDirectory("bin");
        cpio.AddFile("bin/busybox", busybox, permissions: 0x1ED);
        cpio.AddSymlink("bin/sh", "busybox");
        cpio.AddFile("init", Encoding.ASCII.GetBytes(InitScript), permissions: 0x1ED);
    }

    private byte[] ReadBusybox()
    {
        if (!File.Exists(BusyboxPath))
        {
            throw new LinuxGuestException(LinuxGuestFailure.HostTool,
                $"{BusyboxPath} not found. The Linux guest's initramfs needs a static busybox: apt-get install busybox-static (or run ./build.sh --target=Setup as root).");
        }

        var bytes = File.ReadAllBytes(BusyboxPath);
        if (StaticExecutable.WhyNotStatic(bytes) is { } reason)
        {
            throw new LinuxGuestException(LinuxGuestFailure.HostTool,
                $"{BusyboxPath} is {reason}; the initramfs has no libc or loader, so it needs the static build: apt-get install busybox-static (it replaces the dynamic 'busybox' package).");
        }

        return bytes;
    }
}
