using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Lvbs.Abi.Heki;

/// <summary>
/// The first 64 bytes of the log ring buffer VTL0 hands over with ALLOCATE_RINGBUFFER_MEMORY
/// (lvbs-abi.md §1.2, §6: "Logging goes to a ring buffer in a VTL0-readable page"). LiteBox
/// publishes no format, so this one is ours: a header, then <see cref="SlotCount"/> fixed-size
/// <see cref="LogRingRecord"/> slots from <see cref="HeaderSize"/>. Record n lives in slot
/// n mod SlotCount; VTL0 reads records [max(0, NextSequence − SlotCount), NextSequence) and
/// checks each slot's sequence number (a slot being rewritten shows the old or new number).
/// All fields little-endian; the buffer is read-only for VTL0, written only by VTL1.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = HeaderSize)]
public struct LogRingHeader
{
    /// <summary>Header size; the first slot starts here.</summary>
    public const int HeaderSize = 64;
    /// <summary>"LVLG" little-endian.</summary>
    public const uint MagicValue = 0x474C564C;
    /// <summary>Format version.</summary>
    public const ushort CurrentVersion = 1;

    /// <summary><see cref="MagicValue"/>.</summary>
    [FieldOffset(0)] public uint Magic;
    /// <summary><see cref="CurrentVersion"/>.</summary>
    [FieldOffset(4)] public ushort Version;
    /// <summary><see cref="LogRingRecord.Size"/>.</summary>
    [FieldOffset(6)] public ushort SlotSize;
    /// <summary>Number of record slots.</summary>
    [FieldOffset(8)] public uint SlotCount;
    /// <summary>Reserved, 0.</summary>
    [FieldOffset(12)] public uint Reserved;
    /// <summary>Sequence number the next record will get (= records written since allocation).</summary>
    [FieldOffset(16)] public ulong NextSequence;

    /// <summary>Writes the header's 64 bytes (reserved bytes zero).</summary>
    public readonly void Write(Span<byte> destination)
    {
        destination.Slice(0, HeaderSize).Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(0, 4), Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(4, 2), Version);
        BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(6, 2), SlotSize);
        BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(8, 4), SlotCount);
        BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(12, 4), Reserved);
        BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(16, 8), NextSequence);
    }

    /// <summary>Reads a header (the VTL0 side); false when short or the magic/version/slot size differ.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out LogRingHeader header)
    {
        header = default;
        if (source.Length < HeaderSize)
        {
            return false;
        }

        LogRingHeader h = default;
        h.Magic = BinaryPrimitives.ReadUInt32LittleEndian(source.Slice(0, 4));
        h.Version = BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(4, 2));
        h.SlotSize = BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(6, 2));
        h.SlotCount = BinaryPrimitives.ReadUInt32LittleEndian(source.Slice(8, 4));
        h.Reserved = BinaryPrimitives.ReadUInt32LittleEndian(source.Slice(12, 4));
        h.NextSequence = BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(16, 8));
        if (h.Magic != MagicValue || h.Version != CurrentVersion || h.SlotSize != LogRingRecord.Size)
        {
            return false;
        }

        header = h;
        return true;
    }
}
