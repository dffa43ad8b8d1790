using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Lvbs.Tests.Image.Linux;

/// <summary>
/// An independent newc cpio parser for the tests: checks the magic, every header field's hex
/// syntax, the 4-byte padding (which must be zero) and that the archive ends with the
/// trailer, the way the kernel's initramfs unpacker reads it.
/// </summary>
internal static class CpioNewcReader
{
    /// <summary>One archive member with its raw header fields.</summary>
    internal sealed record Entry(string Name, uint Inode, uint Mode, uint NLink, uint RdevMajor, uint RdevMinor, uint Check, byte[] Data, int HeaderOffset);

    /// <summary>Parses <paramref name="archive"/>; returns the entries before the trailer.</summary>
    public static List<Entry> Read(byte[] archive)
    {
        var entries = new List<Entry>();
        var pos = 0;
        while (true)
        {
            if (pos % 4 != 0)
            {
                throw new FormatException($"header at {pos} is not 4-byte aligned");
            }

            if (pos + 110 > archive.Length)
            {
                throw new FormatException($"archive ends at {archive.Length} without a trailer");
            }

            var header = Encoding.ASCII.GetString(archive, pos, 110);
            if (!header.StartsWith("070701", StringComparison.Ordinal))
            {
                throw new FormatException($"bad magic at {pos}: {header[..6]}");
            }

            var f = new uint[13];
            for (var i = 0; i < 13; i++)
            {
                var hex = header.Substring(6 + (8 * i), 8);
                if (!uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out f[i]))
                {
                    throw new FormatException($"field {i} at {pos} is not hex: {hex}");
                }
            }

            var fileSize = (int)f[6];
            var nameSize = (int)f[11];
            var nameStart = pos + 110;
            if (archive[nameStart + nameSize - 1] != 0)
            {
                throw new FormatException($"name at {nameStart} is not NUL-terminated");
            }

            var name = Encoding.UTF8.GetString(archive, nameStart, nameSize - 1);
            var dataStart = Align4(nameStart + nameSize);
            ExpectZero(archive, nameStart + nameSize, dataStart);
            var data = archive.AsSpan(dataStart, fileSize).ToArray();
            var next = Align4(dataStart + fileSize);
            ExpectZero(archive, dataStart + fileSize, next);
            if (name == "TRAILER!!!")
            {
                return entries;
            }

            entries.Add(new Entry(name, f[0], f[1], f[4], f[9], f[10], f[12], data, pos));
            pos = next;
        }
    }

    /// <summary>Offset just past the trailer's padding, i.e. the archive's real length.</summary>
    public static int Align4(int value) => (value + 3) & ~3;

    private static void ExpectZero(byte[] archive, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (archive[i] != 0)
            {
                throw new FormatException($"padding byte at {i} is 0x{archive[i]:x2}, not zero");
            }
        }
    }
}
