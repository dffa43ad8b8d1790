using System;
using System.Buffers.Binary;

namespace Lvbs.Kernel.Kexec.Pe;

/// <summary>
/// One 40-byte section table entry (Microsoft PE Format, "Section Table (Section Headers)"):
/// the fields the Authenticode digest orders and hashes by. Reading one never fails: the
/// table's bounds were checked by <see cref="PeImage.TryParse"/>.
/// </summary>
public readonly struct PeSectionHeader
{
    /// <summary>Size of one section table entry.</summary>
    public const int Size = 40;

    private readonly ulong _name;

    private PeSectionHeader(ulong name, uint virtualSize, uint virtualAddress, uint sizeOfRawData, uint pointerToRawData)
    {
        _name = name;
        VirtualSize = virtualSize;
        VirtualAddress = virtualAddress;
        SizeOfRawData = sizeOfRawData;
        PointerToRawData = pointerToRawData;
    }

    /// <summary>The 8 name bytes as a little-endian integer (NUL-padded ASCII).</summary>
    public ulong NameBytes => _name;

    /// <summary>VirtualSize (offset 8).</summary>
    public uint VirtualSize { get; }

    /// <summary>VirtualAddress (offset 12).</summary>
    public uint VirtualAddress { get; }

    /// <summary>SizeOfRawData (offset 16): bytes of the section in the file.</summary>
    public uint SizeOfRawData { get; }

    /// <summary>PointerToRawData (offset 20): file offset of the section's data.</summary>
    public uint PointerToRawData { get; }

    /// <summary>Reads the entry at the start of entry (at least <see cref="Size"/> bytes).</summary>
    public static PeSectionHeader Read(ReadOnlySpan<byte> entry) => new PeSectionHeader(
        BinaryPrimitives.ReadUInt64LittleEndian(entry),
        BinaryPrimitives.ReadUInt32LittleEndian(entry.Slice(8)),
        BinaryPrimitives.ReadUInt32LittleEndian(entry.Slice(12)),
        BinaryPrimitives.ReadUInt32LittleEndian(entry.Slice(16)),
        BinaryPrimitives.ReadUInt32LittleEndian(entry.Slice(20)));

    /// <summary>
    /// The canonical order of the Authenticode digest as Linux pefile_compare_shdrs defines it:
    /// PointerToRawData, then VirtualAddress, then name (compared as a NUL-terminated string),
    /// then VirtualSize, then SizeOfRawData. Negative, zero or positive.
    /// </summary>
    public static int Compare(in PeSectionHeader a, in PeSectionHeader b)
    {
        if (a.PointerToRawData != b.PointerToRawData)
        {
            return a.PointerToRawData < b.PointerToRawData ? -1 : 1;
        }
        if (a.VirtualAddress != b.VirtualAddress)
        {
            return a.VirtualAddress < b.VirtualAddress ? -1 : 1;
        }
        for (int i = 0; i < 8; i++)
        {
            int ca = (int)((a._name >> (8 * i)) & 0xFF);
            int cb = (int)((b._name >> (8 * i)) & 0xFF);
            if (ca != cb)
            {
                return ca < cb ? -1 : 1;
            }
            if (ca == 0)
            {
                break;
            }
        }
        if (a.VirtualSize != b.VirtualSize)
        {
            return a.VirtualSize < b.VirtualSize ? -1 : 1;
        }
        if (a.SizeOfRawData != b.SizeOfRawData)
        {
            return a.SizeOfRawData < b.SizeOfRawData ? -1 : 1;
        }
        return 0;
    }
}
