using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Lvbs.ImageHarness.Elf;

/// <summary>
/// The parts of an ELF64 little-endian file that <c>lvbs image info</c> reports: machine,
/// entry point and the section header table. Parsed directly from the bytes (ELF-64 Object
/// File Format, sections 3 and 4); malformed input raises <see cref="InvalidDataException"/>.
/// </summary>
public sealed class Elf64File
{
    private const int HeaderSize = 64;
    private const int SectionHeaderSize = 64;

    private Elf64File(ushort machine, ushort type, ulong entry, IReadOnlyList<Elf64Section> sections)
    {
        Machine = machine;
        Type = type;
        Entry = entry;
        Sections = sections;
    }

    /// <summary>e_machine (62 is x86-64).</summary>
    public ushort Machine { get; }

    /// <summary>e_type (2 is an executable).</summary>
    public ushort Type { get; }

    /// <summary>e_entry.</summary>
    public ulong Entry { get; }

    /// <summary>The sections in table order, including the null section 0.</summary>
    public IReadOnlyList<Elf64Section> Sections { get; }

    /// <summary>Reads and parses <paramref name="path"/>.</summary>
    public static Elf64File Load(string path) => Parse(File.ReadAllBytes(path));

    /// <summary>Parses a whole ELF64 little-endian file.</summary>
    public static Elf64File Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length < HeaderSize || file[0] != 0x7F || file[1] != (byte)'E' || file[2] != (byte)'L' || file[3] != (byte)'F')
        {
            throw new InvalidDataException("Not an ELF file (bad magic).");
        }

        if (file[4] != 2 || file[5] != 1)
        {
            throw new InvalidDataException($"Not ELF64 little-endian (class {file[4]}, data {file[5]}).");
        }

        var type = BinaryPrimitives.ReadUInt16LittleEndian(file[0x10..]);
        var machine = BinaryPrimitives.ReadUInt16LittleEndian(file[0x12..]);
        var entry = BinaryPrimitives.ReadUInt64LittleEndian(file[0x18..]);
        var shoff = BinaryPrimitives.ReadUInt64LittleEndian(file[0x28..]);
        var shentsize = BinaryPrimitives.ReadUInt16LittleEndian(file[0x3A..]);
        ulong shnum = BinaryPrimitives.ReadUInt16LittleEndian(file[0x3C..]);
        uint shstrndx = BinaryPrimitives.ReadUInt16LittleEndian(file[0x3E..]);

        if (shoff == 0)
        {
            return new Elf64File(machine, type, entry, []);
        }

        if (shentsize != SectionHeaderSize)
        {
            throw new InvalidDataException($"Unexpected section header size {shentsize}.");
        }

        var first = HeaderAt(file, shoff, 0);
        // Extended numbering (gABI): counts that do not fit live in section 0.
        if (shnum == 0)
        {
            shnum = BinaryPrimitives.ReadUInt64LittleEndian(first[32..]);
        }

        if (shstrndx == 0xFFFF)
        {
            shstrndx = BinaryPrimitives.ReadUInt32LittleEndian(first[40..]);
        }

        if (shnum > (ulong)file.Length / SectionHeaderSize || shstrndx >= shnum)
        {
            throw new InvalidDataException($"Section count {shnum} or name table index {shstrndx} out of range.");
        }

        var names = BytesOfSection(file, HeaderAt(file, shoff, shstrndx));
        var sections = new List<Elf64Section>((int)shnum);
        for (ulong i = 0; i < shnum; i++)
        {
            var h = HeaderAt(file, shoff, i);
            sections.Add(new Elf64Section(
                Name: NameAt(names, BinaryPrimitives.ReadUInt32LittleEndian(h)),
                Type: BinaryPrimitives.ReadUInt32LittleEndian(h[4..]),
                Flags: BinaryPrimitives.ReadUInt64LittleEndian(h[8..]),
                Address: BinaryPrimitives.ReadUInt64LittleEndian(h[16..]),
                Offset: BinaryPrimitives.ReadUInt64LittleEndian(h[24..]),
                Size: BinaryPrimitives.ReadUInt64LittleEndian(h[32..])));
        }

        return new Elf64File(machine, type, entry, sections);
    }

    private static ReadOnlySpan<byte> HeaderAt(ReadOnlySpan<byte> file, ulong shoff, ulong index)
    {
        var start = shoff + index * SectionHeaderSize;
        if (start > (ulong)file.Length || (ulong)file.Length - start < SectionHeaderSize)
        {
            throw new InvalidDataException($"Section header {index} lies outside the file.");
        }

        return file.Slice((int)start, SectionHeaderSize);
    }

    private static ReadOnlySpan<byte> BytesOfSection(ReadOnlySpan<byte> file, ReadOnlySpan<byte> header)
    {
        var offset = BinaryPrimitives.ReadUInt64LittleEndian(header[24..]);
        var size = BinaryPrimitives.ReadUInt64LittleEndian(header[32..]);
        if (offset > (ulong)file.Length || (ulong)file.Length - offset < size)
        {
            throw new InvalidDataException("The section name table lies outside the file.");
        }

        return file.Slice((int)offset, (int)size);
    }

    private static string NameAt(ReadOnlySpan<byte> names, uint offset)
    {
        if (offset >= names.Length)
        {
            return string.Empty;
        }

        var rest = names[(int)offset..];
        var end = rest.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? rest : rest[..end]);
    }
}
