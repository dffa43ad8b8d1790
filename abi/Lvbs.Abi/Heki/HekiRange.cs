using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Lvbs.Abi.Heki;

/// <summary>
/// One <c>struct heki_range</c> (packed, 32 bytes): heki-linux/lvbs-linux include/linux/heki.h,
/// lvbs-abi.md §1.3. <see cref="Attributes"/> is interpreted per call (MemAttr bits, kdata type,
/// module mem type or kexec type).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct HekiRange
{
    /// <summary>Size in bytes.</summary>
    public const int Size = 32;
    /// <summary>Offset of <see cref="Va"/>.</summary>
    public const int VaOffset = 0;
    /// <summary>Offset of <see cref="Pa"/>.</summary>
    public const int PaOffset = 8;
    /// <summary>Offset of <see cref="Epa"/>.</summary>
    public const int EpaOffset = 16;
    /// <summary>Offset of <see cref="Attributes"/>.</summary>
    public const int AttributesOffset = 24;

    /// <summary>VTL0 kernel virtual address.</summary>
    [FieldOffset(VaOffset)] public ulong Va;
    /// <summary>Start physical address.</summary>
    [FieldOffset(PaOffset)] public ulong Pa;
    /// <summary>Exclusive end physical address.</summary>
    [FieldOffset(EpaOffset)] public ulong Epa;
    /// <summary>Per-call attribute value.</summary>
    [FieldOffset(AttributesOffset)] public ulong Attributes;

    /// <summary>Reads a range from exactly <see cref="Size"/> little-endian bytes.</summary>
    public static HekiRange Read(ReadOnlySpan<byte> source)
    {
        HekiRange r;
        r.Va = BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(VaOffset, 8));
        r.Pa = BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(PaOffset, 8));
        r.Epa = BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(EpaOffset, 8));
        r.Attributes = BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(AttributesOffset, 8));
        return r;
    }

    /// <summary>Writes this range as <see cref="Size"/> little-endian bytes.</summary>
    public readonly void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(VaOffset, 8), Va);
        BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(PaOffset, 8), Pa);
        BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(EpaOffset, 8), Epa);
        BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(AttributesOffset, 8), Attributes);
    }
}
