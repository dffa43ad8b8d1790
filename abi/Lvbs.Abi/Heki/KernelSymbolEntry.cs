using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Lvbs.Abi.Heki;

/// <summary>
/// Linux's PREL32 <c>struct kernel_symbol</c> (CONFIG_HAVE_ARCH_PREL32_RELOCATIONS, x86-64;
/// lvbs-abi.md §1.3 <c>HekiKernelSymbol</c>): each field is a signed 32-bit offset relative to
/// the field's own address. value = &amp;value_offset + value_offset; name = &amp;name_offset +
/// name_offset (a NUL-terminated string of at most <see cref="MaxNameLength"/> bytes).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct KernelSymbolEntry
{
    /// <summary>Size in bytes of one entry.</summary>
    public const int Size = 12;
    /// <summary>Offset of <see cref="ValueOffset"/>.</summary>
    public const int ValueOffsetField = 0;
    /// <summary>Offset of <see cref="NameOffset"/>.</summary>
    public const int NameOffsetField = 4;
    /// <summary>Offset of <see cref="NamespaceOffset"/>.</summary>
    public const int NamespaceOffsetField = 8;
    /// <summary>Longest symbol name accepted (KSYM_NAME_LEN = 512 in Linux 6.1), NUL excluded.</summary>
    public const int MaxNameLength = 512;

    /// <summary>Offset from this field to the symbol's address.</summary>
    [FieldOffset(ValueOffsetField)] public int ValueOffset;
    /// <summary>Offset from this field to the symbol's name.</summary>
    [FieldOffset(NameOffsetField)] public int NameOffset;
    /// <summary>Offset from this field to the namespace string (0 = none).</summary>
    [FieldOffset(NamespaceOffsetField)] public int NamespaceOffset;

    /// <summary>Reads an entry from exactly <see cref="Size"/> little-endian bytes.</summary>
    public static KernelSymbolEntry Read(ReadOnlySpan<byte> source)
    {
        KernelSymbolEntry e;
        e.ValueOffset = BinaryPrimitives.ReadInt32LittleEndian(source.Slice(ValueOffsetField, 4));
        e.NameOffset = BinaryPrimitives.ReadInt32LittleEndian(source.Slice(NameOffsetField, 4));
        e.NamespaceOffset = BinaryPrimitives.ReadInt32LittleEndian(source.Slice(NamespaceOffsetField, 4));
        return e;
    }

    /// <summary>Writes the entry as <see cref="Size"/> little-endian bytes.</summary>
    public readonly void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination.Slice(ValueOffsetField, 4), ValueOffset);
        BinaryPrimitives.WriteInt32LittleEndian(destination.Slice(NameOffsetField, 4), NameOffset);
        BinaryPrimitives.WriteInt32LittleEndian(destination.Slice(NamespaceOffsetField, 4), NamespaceOffset);
    }
}
