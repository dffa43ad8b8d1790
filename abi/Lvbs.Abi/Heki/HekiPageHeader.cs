using System;
using System.Runtime.InteropServices;

namespace Lvbs.Abi.Heki;

/// <summary>
/// The 24-byte header of one <c>struct heki_page</c> (lvbs-abi.md §1.3): VTL0 VA of the next
/// page (ignored by VTL1), PA of the next page (0 = end of chain), ranges in this page.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct HekiPageHeader
{
    /// <summary>Size in bytes.</summary>
    public const int Size = 24;
    /// <summary>Offset of <see cref="Next"/>.</summary>
    public const int NextOffset = 0;
    /// <summary>Offset of <see cref="NextPa"/>.</summary>
    public const int NextPaOffset = 8;
    /// <summary>Offset of <see cref="RangeCount"/>.</summary>
    public const int RangeCountOffset = 16;

    /// <summary>VTL0 virtual address of the next page; VTL1 must not use it.</summary>
    [FieldOffset(NextOffset)] public ulong Next;
    /// <summary>Physical address of the next page, 0 at the end of the chain.</summary>
    [FieldOffset(NextPaOffset)] public ulong NextPa;
    /// <summary>Ranges stored in this page, 1..=127.</summary>
    [FieldOffset(RangeCountOffset)] public ulong RangeCount;
}
