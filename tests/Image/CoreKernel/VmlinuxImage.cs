using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Lvbs.Tests.Image.CoreKernel;

/// <summary>One ELF64 section header of the decompressed vmlinux.</summary>
internal sealed record VmlinuxSection(string Name, uint Type, ulong Flags, ulong Address, ulong Offset, ulong Size)
{
    public const ulong Write = 1;
    public const ulong Alloc = 2;
    public const ulong Exec = 4;
    public const uint NoBits = 8;

    public bool IsExec => (Flags & Exec) != 0;

    public bool Contains(ulong va) => va >= Address && va - Address < Size;
}

/// <summary>
/// The vmlinux inside a Debian bzImage (Documentation/x86/boot.rst): setup_sects at 0x1F1 (0
/// means 4), the protected-mode part at (setup_sects + 1) * 512, payload_offset/payload_length at
/// 0x248/0x24C relative to it; the payload is an LZ4 legacy frame (CONFIG_KERNEL_LZ4) of an ELF64
/// vmlinux whose section headers are kept and whose symbols are stripped.
/// </summary>
internal sealed class VmlinuxImage
{
    private VmlinuxImage(byte[] elf, List<VmlinuxSection> sections, bool hasSymtab)
    {
        Elf = elf;
        Sections = sections;
        HasSymbolTable = hasSymtab;
    }

    public byte[] Elf { get; }

    public List<VmlinuxSection> Sections { get; }

    public bool HasSymbolTable { get; }

    public long AppendedSize { get; private init; }

    public VmlinuxSection Section(string name) => Sections.Find(s => s.Name == name) ?? throw new InvalidDataException("no section " + name);

    /// <summary>The file bytes of <paramref name="length"/> bytes at <paramref name="va"/>, from the PROGBITS section holding them.</summary>
    public ReadOnlySpan<byte> At(ulong va, int length)
    {
        foreach (VmlinuxSection s in Sections)
        {
            if (s.Type != VmlinuxSection.NoBits && (s.Flags & VmlinuxSection.Alloc) != 0 && s.Contains(va) && va + (ulong)length <= s.Address + s.Size)
            {
                return Elf.AsSpan((int)(s.Offset + (va - s.Address)), length);
            }
        }

        throw new InvalidDataException("no bytes at 0x" + va.ToString("x"));
    }

    public static VmlinuxImage FromBzImage(byte[] bz)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(bz.AsSpan(0x202)) != 0x53726448)
        {
            throw new InvalidDataException("no HdrS setup header");
        }

        int setupSects = bz[0x1F1] == 0 ? 4 : bz[0x1F1];
        int pm = (setupSects + 1) * 512;
        int payloadOffset = (int)BinaryPrimitives.ReadUInt32LittleEndian(bz.AsSpan(0x248));
        int payloadLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(bz.AsSpan(0x24C));
        byte[] elf = Lz4LegacyDecoder.Decode(bz.AsSpan(pm + payloadOffset, payloadLength), out long appended);
        VmlinuxImage image = Parse(elf);
        return new VmlinuxImage(image.Elf, image.Sections, image.HasSymbolTable) { AppendedSize = appended };
    }

    public static VmlinuxImage Parse(byte[] elf)
    {
        ReadOnlySpan<byte> f = elf;
        if (elf.Length < 64 || BinaryPrimitives.ReadUInt32BigEndian(f) != 0x7F454C46 || f[4] != 2 || f[5] != 1
            || BinaryPrimitives.ReadUInt16LittleEndian(f.Slice(18)) != 62)
        {
            throw new InvalidDataException("not an ELF64 little-endian x86-64 file");
        }

        ulong shoff = BinaryPrimitives.ReadUInt64LittleEndian(f.Slice(0x28));
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(f.Slice(0x3A));
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(f.Slice(0x3C));
        int shstrndx = BinaryPrimitives.ReadUInt16LittleEndian(f.Slice(0x3E));
        if (shentsize != 64 || shnum == 0 || shstrndx >= shnum || shoff + (ulong)(shnum * 64) > (ulong)elf.Length)
        {
            throw new InvalidDataException("no usable section header table");
        }

        ulong strOff = BinaryPrimitives.ReadUInt64LittleEndian(f.Slice((int)shoff + (shstrndx * 64) + 0x18));
        var sections = new List<VmlinuxSection>();
        bool symtab = false;
        for (int i = 0; i < shnum; i++)
        {
            ReadOnlySpan<byte> h = f.Slice((int)shoff + (i * 64), 64);
            int nameOff = (int)strOff + (int)BinaryPrimitives.ReadUInt32LittleEndian(h);
            int end = f.Slice(nameOff).IndexOf((byte)0);
            string name = Encoding.ASCII.GetString(f.Slice(nameOff, end));
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(h.Slice(4));
            symtab |= type == 2;
            sections.Add(new VmlinuxSection(name, type, BinaryPrimitives.ReadUInt64LittleEndian(h.Slice(8)),
                BinaryPrimitives.ReadUInt64LittleEndian(h.Slice(16)), BinaryPrimitives.ReadUInt64LittleEndian(h.Slice(24)),
                BinaryPrimitives.ReadUInt64LittleEndian(h.Slice(32))));
        }

        return new VmlinuxImage(elf, sections, symtab);
    }
}
