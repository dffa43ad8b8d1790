using System;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki.CoreKernel;

/// <summary>
/// Reads core-kernel memory by VA through the frozen <see cref="CoreKernelMap"/>, page by page,
/// only where every page satisfies a seal condition of <see cref="PageSealTable"/>. The bytes are
/// read from lower-VTL memory at call time (no copy of the kernel is kept): a page VTL0 can never
/// write again holds what it held when sealed, except where VTL1 itself patched it (PATCH_TEXT at
/// a legal site), which is the state Linux sees too.
/// </summary>
public sealed class SealedPages
{
    private readonly CoreKernelMap _map;
    private readonly PageSealTable _seals;
    private readonly IGuestMemory _memory;

    /// <summary>Creates the reader.</summary>
    public SealedPages(CoreKernelMap map, PageSealTable seals, IGuestMemory memory)
    {
        _map = map;
        _seals = seals;
        _memory = memory;
    }

    /// <summary>The translation.</summary>
    public CoreKernelMap Map => _map;

    /// <summary>The seals.</summary>
    public PageSealTable Seals => _seals;

    /// <summary>True when <paramref name="va"/> translates to a page PROTECT_MEMORY made executable and never-writable.</summary>
    public bool IsSealedText(ulong va) =>
        _map.TryTranslate(va, out ulong pa, out _) && IsText(pa >> GuestRange.PageShift);

    /// <summary>True when <paramref name="va"/> translates to a never-writable page (text or read-only data).</summary>
    public bool IsWriteSealed(ulong va) =>
        _map.TryTranslate(va, out ulong pa, out _) && _seals.IsWriteSealed(pa >> GuestRange.PageShift);

    /// <summary>Reads [<paramref name="va"/>, +length) when every page is sealed text; false otherwise (destination may be partly written).</summary>
    public bool TryReadText(ulong va, Span<byte> destination) => ReadPrefix(va, destination, Seal.Text) == destination.Length;

    /// <summary>Reads [<paramref name="va"/>, +length) when every page is never-writable and IMMUTABLE; false otherwise.</summary>
    public bool TryReadLocked(ulong va, Span<byte> destination) => ReadPrefix(va, destination, Seal.Locked) == destination.Length;

    /// <summary>
    /// Reads through the translation whatever the seals say (the end-of-boot copy of
    /// <see cref="EndOfBootSnapshot"/>); returns the bytes read before the first byte that is
    /// not translated or cannot be read.
    /// </summary>
    public int ReadMapped(ulong va, Span<byte> destination) => ReadPrefix(va, destination, Seal.None);

    private enum Seal
    {
        None,
        Locked,
        Text,
    }

    private bool IsText(ulong pfn) =>
        _seals.IsWriteSealed(pfn) && _seals.TryGetPermissions(pfn, out VtlPermissions p) && (p & VtlPermissions.KernelExecute) != 0;

    private bool Satisfies(ulong pfn, Seal seal) => seal switch
    {
        Seal.Text => IsText(pfn),
        Seal.Locked => _seals.IsWriteSealed(pfn) && _seals.IsImmutable(pfn),
        _ => true,
    };

    // Page by page through the frozen map; stops at the first page that is untranslated, fails
    // the seal condition or cannot be read. Returns the bytes read (0 when the range wraps).
    private int ReadPrefix(ulong va, Span<byte> destination, Seal seal)
    {
        if (va + (ulong)destination.Length < va)
        {
            return 0;
        }

        int done = 0;
        while (done < destination.Length)
        {
            if (!_map.TryTranslate(va + (ulong)done, out ulong pa, out ulong left) || !Satisfies(pa >> GuestRange.PageShift, seal))
            {
                break;
            }

            ulong pageLeft = GuestRange.PageSize - (pa & (GuestRange.PageSize - 1));
            int chunk = (int)Math.Min((ulong)(destination.Length - done), Math.Min(pageLeft, left));
            if (_memory.Read(pa, destination.Slice(done, chunk)) != BindingStatus.Success)
            {
                break;
            }

            done += chunk;
        }

        return done;
    }
}
