using System;
using Lvbs.Kernel.Modules.Content.Rewrites;

namespace Lvbs.Kernel.Heki.CoreKernel;

/// <summary>
/// <see cref="ILockedKernelMemory"/> for VALIDATE_MODULE's rewrite rules: core-kernel bytes at a
/// VA PROTECT_MEMORY described, readable only after the end of boot (the map is frozen then, and
/// no boot-only call can add translations) and only where every page is never-writable for VTL0
/// and IMMUTABLE (kernel text with its <c>__SCT__</c> trampolines, ro_after_init data with
/// <c>pv_ops</c>). A page VTL0 may still write, or one it never sealed, answers false, so the
/// rules accept only the unpatched form of a site whose core value lies there.
/// </summary>
public sealed class LockedKernelMemory : ILockedKernelMemory
{
    private readonly SealedPages _pages;

    /// <summary>Creates the view.</summary>
    public LockedKernelMemory(SealedPages pages)
    {
        _pages = pages;
    }

    /// <summary>Reads that answered true.</summary>
    public ulong Served { get; private set; }

    /// <summary>Reads that answered false.</summary>
    public ulong Refused { get; private set; }

    /// <inheritdoc />
    public bool TryRead(ulong va, Span<byte> destination)
    {
        // Frozen only at the end of boot (CoreKernelEndOfBoot).
        if (_pages.Map.Frozen && _pages.TryReadLocked(va, destination))
        {
            Served++;
            return true;
        }

        Refused++;
        return false;
    }
}
