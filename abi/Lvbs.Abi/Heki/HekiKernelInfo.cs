using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Lvbs.Abi.Heki;

/// <summary>
/// The prefix of VTL0's <c>struct heki_kinfo</c> sent by LOAD_KDATA type KernelInfo
/// (lvbs-abi.md §1.3 "Other wire structs"): the kernel VAs bounding <c>__ksymtab</c> and
/// <c>__ksymtab_gpl</c>. VTL0 may append arch data after these 32 bytes; VTL1 ignores it, as
/// LiteBox does.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct HekiKernelInfo
{
    /// <summary>Size in bytes of the prefix VTL1 reads.</summary>
    public const int Size = 32;

    /// <summary>VA of the first <c>__ksymtab</c> entry.</summary>
    [FieldOffset(0)] public ulong KsymtabStart;
    /// <summary>VA just past the last <c>__ksymtab</c> entry.</summary>
    [FieldOffset(8)] public ulong KsymtabEnd;
    /// <summary>VA of the first <c>__ksymtab_gpl</c> entry.</summary>
    [FieldOffset(16)] public ulong KsymtabGplStart;
    /// <summary>VA just past the last <c>__ksymtab_gpl</c> entry.</summary>
    [FieldOffset(24)] public ulong KsymtabGplEnd;

    /// <summary>Reads the prefix; false (zeroed result) when fewer than <see cref="Size"/> bytes are given.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out HekiKernelInfo info)
    {
        info = default;
        if (source.Length < Size)
        {
            return false;
        }

        info.KsymtabStart = BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(0, 8));
        info.KsymtabEnd = BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(8, 8));
        info.KsymtabGplStart = BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(16, 8));
        info.KsymtabGplEnd = BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(24, 8));
        return true;
    }

    /// <summary>Writes the 32-byte prefix (the VTL0 side builds these).</summary>
    public readonly void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(0, 8), KsymtabStart);
        BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(8, 8), KsymtabEnd);
        BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(16, 8), KsymtabGplStart);
        BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(24, 8), KsymtabGplEnd);
    }
}
