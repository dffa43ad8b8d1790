using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Lvbs.Abi.Heki;

/// <summary>
/// One 128-byte slot of the log ring (see <see cref="LogRingHeader"/>): sequence number, level,
/// text length, then up to <see cref="MaxText"/> bytes of ASCII text (not NUL-terminated; the
/// rest of the slot is zero).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = HeaderSize)]
public struct LogRingRecord
{
    /// <summary>Slot size in bytes.</summary>
    public const int Size = 128;
    /// <summary>Bytes before the text.</summary>
    public const int HeaderSize = 16;
    /// <summary>Most text bytes per record.</summary>
    public const int MaxText = Size - HeaderSize;
    /// <summary>Offset of the text.</summary>
    public const int TextOffset = HeaderSize;

    /// <summary>Sequence number (from 0 since allocation).</summary>
    [FieldOffset(0)] public ulong Sequence;
    /// <summary>A <see cref="LogLevel"/> value.</summary>
    [FieldOffset(8)] public byte Level;
    /// <summary>Reserved, 0.</summary>
    [FieldOffset(9)] public byte Reserved0;
    /// <summary>Text bytes used (0..<see cref="MaxText"/>).</summary>
    [FieldOffset(10)] public ushort Length;
    /// <summary>Reserved, 0.</summary>
    [FieldOffset(12)] public uint Reserved1;

    /// <summary>Writes a whole slot: header, text (truncated to <see cref="MaxText"/>), zero fill.</summary>
    public static void WriteSlot(Span<byte> slot, ulong sequence, LogLevel level, ReadOnlySpan<byte> text)
    {
        slot.Slice(0, Size).Clear();
        int n = text.Length < MaxText ? text.Length : MaxText;
        BinaryPrimitives.WriteUInt64LittleEndian(slot.Slice(0, 8), sequence);
        slot[8] = (byte)level;
        BinaryPrimitives.WriteUInt16LittleEndian(slot.Slice(10, 2), (ushort)n);
        text.Slice(0, n).CopyTo(slot.Slice(TextOffset, n));
    }

    /// <summary>Reads a slot's header (the VTL0 side); false when short or the length is out of range.</summary>
    public static bool TryRead(ReadOnlySpan<byte> slot, out LogRingRecord record)
    {
        record = default;
        if (slot.Length < Size)
        {
            return false;
        }

        ushort length = BinaryPrimitives.ReadUInt16LittleEndian(slot.Slice(10, 2));
        if (length > MaxText)
        {
            return false;
        }

        record.Sequence = BinaryPrimitives.ReadUInt64LittleEndian(slot.Slice(0, 8));
        record.Level = slot[8];
        record.Length = length;
        return true;
    }
}
