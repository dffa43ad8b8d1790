using System.Runtime.CompilerServices;

namespace System.Buffers.Binary;

/// <summary>Endian-aware reads and writes, as in .NET (bounds-checked through span indexing).</summary>
public static class BinaryPrimitives
{
    public static ushort ReverseEndianness(ushort value) => (ushort)((value >> 8) | (value << 8));
    public static short ReverseEndianness(short value) => (short)ReverseEndianness((ushort)value);
    public static uint ReverseEndianness(uint value) => (value >> 24) | ((value >> 8) & 0xFF00u) | ((value << 8) & 0xFF0000u) | (value << 24);
    public static int ReverseEndianness(int value) => (int)ReverseEndianness((uint)value);
    public static ulong ReverseEndianness(ulong value) => ((ulong)ReverseEndianness((uint)value) << 32) | ReverseEndianness((uint)(value >> 32));
    public static long ReverseEndianness(long value) => (long)ReverseEndianness((ulong)value);

    public static ushort ReadUInt16LittleEndian(ReadOnlySpan<byte> source)
    {
        if (source.Length < 2)
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        return Unsafe.ReadUnaligned<ushort>(ref Unsafe.AsRef(in source.GetPinnableReference()));
    }

    public static ushort ReadUInt16BigEndian(ReadOnlySpan<byte> source) => ReverseEndianness(ReadUInt16LittleEndian(source));

    public static void WriteUInt16LittleEndian(Span<byte> destination, ushort value)
    {
        if (destination.Length < 2)
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        Unsafe.WriteUnaligned(ref destination.GetPinnableReference(), value);
    }

    public static void WriteUInt16BigEndian(Span<byte> destination, ushort value) => WriteUInt16LittleEndian(destination, ReverseEndianness(value));

    public static bool TryReadUInt16LittleEndian(ReadOnlySpan<byte> source, out ushort value)
    {
        if (source.Length < 2)
        {
            value = 0;
            return false;
        }
        value = ReadUInt16LittleEndian(source);
        return true;
    }

    public static bool TryReadUInt16BigEndian(ReadOnlySpan<byte> source, out ushort value)
    {
        if (source.Length < 2)
        {
            value = 0;
            return false;
        }
        value = ReadUInt16BigEndian(source);
        return true;
    }

    public static short ReadInt16LittleEndian(ReadOnlySpan<byte> source)
    {
        if (source.Length < 2)
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        return Unsafe.ReadUnaligned<short>(ref Unsafe.AsRef(in source.GetPinnableReference()));
    }

    public static short ReadInt16BigEndian(ReadOnlySpan<byte> source) => ReverseEndianness(ReadInt16LittleEndian(source));

    public static void WriteInt16LittleEndian(Span<byte> destination, short value)
    {
        if (destination.Length < 2)
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        Unsafe.WriteUnaligned(ref destination.GetPinnableReference(), value);
    }

    public static void WriteInt16BigEndian(Span<byte> destination, short value) => WriteInt16LittleEndian(destination, ReverseEndianness(value));

    public static bool TryReadInt16LittleEndian(ReadOnlySpan<byte> source, out short value)
    {
        if (source.Length < 2)
        {
            value = 0;
            return false;
        }
        value = ReadInt16LittleEndian(source);
        return true;
    }

    public static bool TryReadInt16BigEndian(ReadOnlySpan<byte> source, out short value)
    {
        if (source.Length < 2)
        {
            value = 0;
            return false;
        }
        value = ReadInt16BigEndian(source);
        return true;
    }

    public static uint ReadUInt32LittleEndian(ReadOnlySpan<byte> source)
    {
        if (source.Length < 4)
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        return Unsafe.ReadUnaligned<uint>(ref Unsafe.AsRef(in source.GetPinnableReference()));
    }

    public static uint ReadUInt32BigEndian(ReadOnlySpan<byte> source) => ReverseEndianness(ReadUInt32LittleEndian(source));

    public static void WriteUInt32LittleEndian(Span<byte> destination, uint value)
    {
        if (destination.Length < 4)
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        Unsafe.WriteUnaligned(ref destination.GetPinnableReference(), value);
    }

    public static void WriteUInt32BigEndian(Span<byte> destination, uint value) => WriteUInt32LittleEndian(destination, ReverseEndianness(value));

    public static bool TryReadUInt32LittleEndian(ReadOnlySpan<byte> source, out uint value)
    {
        if (source.Length < 4)
        {
            value = 0;
            return false;
        }
        value = ReadUInt32LittleEndian(source);
        return true;
    }

    public static bool TryReadUInt32BigEndian(ReadOnlySpan<byte> source, out uint value)
    {
        if (source.Length < 4)
        {
            value = 0;
            return false;
        }
        value = ReadUInt32BigEndian(source);
        return true;
    }

    public static int ReadInt32LittleEndian(ReadOnlySpan<byte> source)
    {
        if (source.Length < 4)
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        return Unsafe.ReadUnaligned<int>(ref Unsafe.AsRef(in source.GetPinnableReference()));
    }

    public static int ReadInt32BigEndian(ReadOnlySpan<byte> source) => ReverseEndianness(ReadInt32LittleEndian(source));

    public static void WriteInt32LittleEndian(Span<byte> destination, int value)
    {
        if (destination.Length < 4)
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        Unsafe.WriteUnaligned(ref destination.GetPinnableReference(), value);
    }

    public static void WriteInt32BigEndian(Span<byte> destination, int value) => WriteInt32LittleEndian(destination, ReverseEndianness(value));

    public static bool TryReadInt32LittleEndian(ReadOnlySpan<byte> source, out int value)
    {
        if (source.Length < 4)
        {
            value = 0;
            return false;
        }
        value = ReadInt32LittleEndian(source);
        return true;
    }

    public static bool TryReadInt32BigEndian(ReadOnlySpan<byte> source, out int value)
    {
        if (source.Length < 4)
        {
            value = 0;
            return false;
        }
        value = ReadInt32BigEndian(source);
        return true;
    }

    public static ulong ReadUInt64LittleEndian(ReadOnlySpan<byte> source)
    {
        if (source.Length < 8)
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        return Unsafe.ReadUnaligned<ulong>(ref Unsafe.AsRef(in source.GetPinnableReference()));
    }

    public static ulong ReadUInt64BigEndian(ReadOnlySpan<byte> source) => ReverseEndianness(ReadUInt64LittleEndian(source));

    public static void WriteUInt64LittleEndian(Span<byte> destination, ulong value)
    {
        if (destination.Length < 8)
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        Unsafe.WriteUnaligned(ref destination.GetPinnableReference(), value);
    }

    public static void WriteUInt64BigEndian(Span<byte> destination, ulong value) => WriteUInt64LittleEndian(destination, ReverseEndianness(value));

    public static bool TryReadUInt64LittleEndian(ReadOnlySpan<byte> source, out ulong value)
    {
        if (source.Length < 8)
        {
            value = 0;
            return false;
        }
        value = ReadUInt64LittleEndian(source);
        return true;
    }

    public static bool TryReadUInt64BigEndian(ReadOnlySpan<byte> source, out ulong value)
    {
        if (source.Length < 8)
        {
            value = 0;
            return false;
        }
        value = ReadUInt64BigEndian(source);
        return true;
    }

    public static long ReadInt64LittleEndian(ReadOnlySpan<byte> source)
    {
        if (source.Length < 8)
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        return Unsafe.ReadUnaligned<long>(ref Unsafe.AsRef(in source.GetPinnableReference()));
    }

    public static long ReadInt64BigEndian(ReadOnlySpan<byte> source) => ReverseEndianness(ReadInt64LittleEndian(source));

    public static void WriteInt64LittleEndian(Span<byte> destination, long value)
    {
        if (destination.Length < 8)
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        Unsafe.WriteUnaligned(ref destination.GetPinnableReference(), value);
    }

    public static void WriteInt64BigEndian(Span<byte> destination, long value) => WriteInt64LittleEndian(destination, ReverseEndianness(value));

    public static bool TryReadInt64LittleEndian(ReadOnlySpan<byte> source, out long value)
    {
        if (source.Length < 8)
        {
            value = 0;
            return false;
        }
        value = ReadInt64LittleEndian(source);
        return true;
    }

    public static bool TryReadInt64BigEndian(ReadOnlySpan<byte> source, out long value)
    {
        if (source.Length < 8)
        {
            value = 0;
            return false;
        }
        value = ReadInt64BigEndian(source);
        return true;
    }
}
