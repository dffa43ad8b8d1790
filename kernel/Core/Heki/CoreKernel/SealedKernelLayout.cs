using System;
using Lvbs.Kernel.Heki.TextPatch;

namespace Lvbs.Kernel.Heki.CoreKernel;

/// <summary>
/// <see cref="IKernelTextLayout"/> from what PROTECT_MEMORY sealed, with no list from VTL0: text
/// is any page of the kernel image window sealed executable and never-writable. Linux frees the
/// init sections before it protects the kernel (free_initmem runs before mark_readonly and
/// heki_late_init; free_init_pages makes them RW+NX or, with PTI, unmaps them), so init text
/// cannot be named from the seals; it is recognised as image-window memory that is neither
/// sealed text nor sealed read-only data (the freed init region, gaps, and writable data all
/// look alike). That only matters for structure: sites found there are never registered, and
/// every registered site is in sealed text. Data is any image-window memory that is not text
/// (static keys live in writable .data as well as in ro_after_init).
/// </summary>
public sealed class SealedKernelLayout : IKernelTextLayout
{
    private readonly SealedPages _pages;

    /// <summary>Creates the layout; answers only once the map is frozen.</summary>
    public SealedKernelLayout(SealedPages pages)
    {
        _pages = pages;
    }

    /// <inheritdoc />
    public bool IsText(ulong va) => _pages.IsSealedText(va) || IsInitText(va);

    /// <inheritdoc />
    public bool IsInitText(ulong va) => CoreKernelMap.InImageWindow(va) && _pages.Map.Frozen && !_pages.IsWriteSealed(va);

    /// <inheritdoc />
    public bool IsData(ulong va) => CoreKernelMap.InImageWindow(va) && _pages.Map.Frozen && !_pages.IsSealedText(va);

    /// <inheritdoc />
    public bool TryReadText(ulong va, Span<byte> destination) => _pages.TryReadText(va, destination);
}
