using System;
using System.IO;
using System.Text;

namespace Lvbs.ImageHarness.Linux;

/// <summary>
/// Writes a cpio archive in the "newc" format (magic <c>070701</c>), the only format the Linux
/// kernel unpacks as an initramfs. Each entry is a 110-byte ASCII header of thirteen 8-digit hex
/// fields, the NUL-terminated name padded to a 4-byte boundary, then the data padded likewise;
/// the archive ends with the entry <c>TRAILER!!!</c>.
/// </summary>
public sealed class CpioNewcWriter : IDisposable
{
    /// <summary>The magic at the start of every newc header.</summary>
    public const string Magic = "070701";

    /// <summary>The fixed size of a newc header before the name.</summary>
    public const int HeaderSize = 110;

    /// <summary>The name of the entry that ends the archive.</summary>
    public const string TrailerName = "TRAILER!!!";

    /// <summary>
    /// Longest accepted name in bytes (without the NUL). The kernel's unpacker refuses names
    /// longer than PATH_MAX (4096 including the NUL), so such an archive would not boot.
    /// </summary>
    public const int MaxNameBytes = 4095;

    /// <summary>File type bits of <c>st_mode</c>.</summary>
    public const uint TypeDirectory = 0x4000, TypeCharDevice = 0x2000, TypeRegular = 0x8000, TypeSymlink = 0xA000;

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private uint _nextInode = 1;
    private bool _finished;

    /// <summary>Writes to <paramref name="output"/> (left open when <paramref name="leaveOpen"/>).</summary>
    public CpioNewcWriter(Stream output, bool leaveOpen = false)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _leaveOpen = leaveOpen;
    }

    /// <summary>Bytes written so far.</summary>
    public long Position { get; private set; }

    /// <summary>Adds a directory with <paramref name="permissions"/> (e.g. 0755 octal).</summary>
    public void AddDirectory(string name, uint permissions = 0x1ED) =>
        Write(name, TypeDirectory | permissions, nlink: 2, ReadOnlySpan<byte>.Empty, 0, 0);

    /// <summary>Adds a regular file.</summary>
    public void AddFile(string name, ReadOnlySpan<byte> content, uint permissions = 0x1ED) =>
        Write(name, TypeRegular | permissions, nlink: 1, content, 0, 0);

    /// <summary>Adds a symbolic link to <paramref name="target"/> (stored as the entry's data).</summary>
    public void AddSymlink(string name, string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        Write(name, TypeSymlink | 0x1FF, nlink: 1, Encoding.UTF8.GetBytes(target), 0, 0);
    }

    /// <summary>Adds a character device node with the given major and minor numbers.</summary>
    public void AddCharDevice(string name, uint major, uint minor, uint permissions = 0x180) =>
        Write(name, TypeCharDevice | permissions, nlink: 1, ReadOnlySpan<byte>.Empty, major, minor);

    /// <summary>Writes the trailer; nothing may be added afterwards.</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        WriteEntry(TrailerName, 0, 0, 1, ReadOnlySpan<byte>.Empty, 0, 0);
        _finished = true;
    }

    /// <summary>Finishes the archive if needed and closes the stream unless left open.</summary>
    public void Dispose()
    {
        Finish();
        _output.Flush();
        if (!_leaveOpen)
        {
            _output.Dispose();
        }
    }

    /// <summary>
    /// Checks an entry name: relative (the kernel unpacks into /), no NUL, no empty or ".."
    /// components, and short enough for the unpacker. Returns the UTF-8 bytes.
    /// </summary>
    public static byte[] ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.StartsWith('/') || name.EndsWith('/'))
        {
            throw new ArgumentException($"cpio entry name '{name}' must be a non-empty relative path without a trailing '/'.", nameof(name));
        }

        if (name.Contains('\0'))
        {
            throw new ArgumentException("cpio entry names cannot contain NUL.", nameof(name));
        }

        foreach (var part in name.Split('/'))
        {
            if (part.Length == 0 || part == "." || part == "..")
            {
                throw new ArgumentException($"cpio entry name '{name}' has an empty, '.' or '..' component.", nameof(name));
            }
        }

        if (name == TrailerName)
        {
            throw new ArgumentException($"'{TrailerName}' is reserved for the end of the archive.", nameof(name));
        }

        var bytes = Encoding.UTF8.GetBytes(name);
        if (bytes.Length > MaxNameBytes)
        {
            throw new ArgumentException($"cpio entry name is {bytes.Length} bytes; the kernel accepts at most {MaxNameBytes}.", nameof(name));
        }

        return bytes;
    }

    /// <summary>Rounds <paramref name="value"/> up to the newc 4-byte alignment.</summary>
    public static long Align4(long value) => (value + 3) & ~3L;

    private void Write(string name, uint mode, uint nlink, ReadOnlySpan<byte> data, uint rdevMajor, uint rdevMinor)
    {
        if (_finished)
        {
            throw new InvalidOperationException("The archive is finished; no entries can follow the trailer.");
        }

        ValidateName(name);
        WriteEntry(name, _nextInode++, mode, nlink, data, rdevMajor, rdevMinor);
    }

    private void WriteEntry(string name, uint inode, uint mode, uint nlink, ReadOnlySpan<byte> data, uint rdevMajor, uint rdevMinor)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var header = new StringBuilder(HeaderSize);
        header.Append(Magic);
        // ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor,
        // namesize (with NUL), check. mtime 0 keeps the archive reproducible.
        foreach (var field in new[] { inode, mode, 0u, 0u, nlink, 0u, (uint)data.Length, 0u, 0u, rdevMajor, rdevMinor, (uint)nameBytes.Length + 1, 0u })
        {
            header.Append(field.ToString("X8", System.Globalization.CultureInfo.InvariantCulture));
        }

        WriteBytes(Encoding.ASCII.GetBytes(header.ToString()));
        WriteBytes(nameBytes);
        WriteBytes([0]);
        Pad();
        WriteBytes(data);
        Pad();
    }

    private void Pad()
    {
        var padding = (int)(Align4(Position) - Position);
        if (padding > 0)
        {
            WriteBytes(new byte[padding]);
        }
    }

    private void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        Position += bytes.Length;
    }
}
