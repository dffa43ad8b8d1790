using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace Lvbs.ImageHarness.Linux;

/// <summary>
/// The Linux guest blob: what the secure kernel receives as PVH module 0 (QEMU <c>-initrd</c>)
/// when booted with <c>guest=linux</c>. The contract with the image's loader:
/// <list type="bullet">
/// <item>bytes 0-7: ASCII <c>LVBSLNX1</c>;</item>
/// <item>little-endian u32 at 8: header size (4096); 12/16: kernel offset/size; 20/24: initrd
/// offset/size; 28/32: command-line offset/size (size includes the terminating NUL);</item>
/// <item>the rest of the 4096-byte header is zero;</item>
/// <item>the bzImage, the initramfs and the NUL-terminated command line follow, each at a
/// 4096-aligned offset, zero-filled between them.</item>
/// </list>
/// </summary>
public static class LinuxGuestBlob
{
    /// <summary>The 8-byte magic at offset 0.</summary>
    public static ReadOnlySpan<byte> Magic => "LVBSLNX1"u8;

    /// <summary>Header size and the alignment of every part.</summary>
    public const int HeaderSize = 4096;

    /// <summary>Field offsets in the header.</summary>
    public const int HeaderSizeField = 8, KernelOffsetField = 12, KernelSizeField = 16,
        InitrdOffsetField = 20, InitrdSizeField = 24, CommandLineOffsetField = 28, CommandLineSizeField = 32;

    /// <summary>
    /// The guest kernel's default command line: serial console (and early printk, so a crash
    /// before the console driver is visible), no KASLR (fixed addresses in logs), no 5-level
    /// paging (its switch clears CR0.PG, which the secure kernel's CR0 handling does not
    /// follow), reboot at once on panic so a failed boot ends, init from the initramfs.
    /// </summary>
    public const string DefaultCommandLine =
        "console=ttyS0 earlyprintk=serial,ttyS0,115200 nokaslr no5lvl panic=-1 rdinit=/init iomem=relaxed quiet";

    /// <summary>Builds the blob in memory.</summary>
    /// <exception cref="LinuxGuestException">An input is empty, the command line has a NUL, or the blob would exceed 4 GiB.</exception>
    public static byte[] Build(ReadOnlySpan<byte> kernel, ReadOnlySpan<byte> initramfs, string commandLine)
    {
        if (kernel.IsEmpty)
        {
            throw new LinuxGuestException(LinuxGuestFailure.InvalidInput, "The guest kernel is empty.");
        }

        if (initramfs.IsEmpty)
        {
            throw new LinuxGuestException(LinuxGuestFailure.InvalidInput, "The guest initramfs is empty.");
        }

        ArgumentNullException.ThrowIfNull(commandLine);
        if (commandLine.Contains('\0'))
        {
            throw new LinuxGuestException(LinuxGuestFailure.InvalidInput, "The guest command line cannot contain NUL.");
        }

        var cmdline = Encoding.ASCII.GetBytes(commandLine + "\0");
        if (Encoding.ASCII.GetString(cmdline) != commandLine + "\0")
        {
            throw new LinuxGuestException(LinuxGuestFailure.InvalidInput, "The guest command line must be ASCII.");
        }

        var kernelOffset = (long)HeaderSize;
        var initrdOffset = Align(kernelOffset + kernel.Length);
        var cmdlineOffset = Align(initrdOffset + initramfs.Length);
        var total = cmdlineOffset + cmdline.Length;
        if (total > uint.MaxValue || total > Array.MaxLength)
        {
            throw new LinuxGuestException(LinuxGuestFailure.InvalidInput, $"The guest blob would be {total} bytes; offsets are 32-bit.");
        }

        var blob = new byte[total];
        Magic.CopyTo(blob);
        Put(blob, HeaderSizeField, HeaderSize);
        Put(blob, KernelOffsetField, kernelOffset);
        Put(blob, KernelSizeField, kernel.Length);
        Put(blob, InitrdOffsetField, initrdOffset);
        Put(blob, InitrdSizeField, initramfs.Length);
        Put(blob, CommandLineOffsetField, cmdlineOffset);
        Put(blob, CommandLineSizeField, cmdline.Length);
        kernel.CopyTo(blob.AsSpan((int)kernelOffset));
        initramfs.CopyTo(blob.AsSpan((int)initrdOffset));
        cmdline.CopyTo(blob.AsSpan((int)cmdlineOffset));
        return blob;
    }

    /// <summary>Writes the blob for the given files and command line to <paramref name="path"/>.</summary>
    public static void Write(string path, string kernelPath, string initramfsPath, string commandLine = DefaultCommandLine) =>
        Write(path, File.ReadAllBytes(kernelPath), File.ReadAllBytes(initramfsPath), commandLine);

    /// <summary>Writes the blob for the given contents to <paramref name="path"/> (atomically: temp file, then rename).</summary>
    public static void Write(string path, byte[] kernel, byte[] initramfs, string commandLine = DefaultCommandLine)
    {
        var blob = Build(kernel, initramfs, commandLine);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temp, blob);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Rounds up to the next 4096-byte boundary.</summary>
    public static long Align(long value) => (value + HeaderSize - 1) & ~(long)(HeaderSize - 1);

    private static void Put(byte[] blob, int field, long value) =>
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(field), checked((uint)value));
}
