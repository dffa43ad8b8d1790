using System;
using Lvbs.Kernel.Modules.Content.Rewrites;

namespace Lvbs.Kernel.Heki.CoreKernel;

/// <summary>
/// <see cref="ILockedKernelMemory"/> for VALIDATE_MODULE's rewrite rules: core-kernel bytes at a
/// VA PROTECT_MEMORY described, readable only after the end of boot (the map is frozen then, and
/// no boot-only call can add translations) and only where every page is never-writable for VTL0
/// and IMMUTABLE (kernel text with its <c>__SCT__</c> trampolines, ro_after_init data), or from
/// the copy of <c>pv_ops</c> taken at the end of boot (<see cref="EndOfBootSnapshot"/>; Debian
/// 6.1 keeps it writable). Anything else answers false, so the rules accept only the unpatched
/// form of a site whose core value lies there.
/// </summary>
public sealed class LockedKernelMemory : ILockedKernelMemory
{
    private readonly SealedPages _pages;
    private readonly EndOfBootSnapshot _snapshot;

    /// <summary>Creates the view over the sealed pages and the end-of-boot copy.</summary>
    public LockedKernelMemory(SealedPages pages, EndOfBootSnapshot snapshot)
    {
        _pages = pages;
        _snapshot = snapshot;
    }

    /// <summary>Reads that answered true.</summary>
    public ulong Served { get; private set; }

    /// <summary>Reads that answered false.</summary>
    public ulong Refused { get; private set; }

    /// <inheritdoc />
    public bool TryRead(ulong va, Span<byte> destination)
    {
        // Frozen only at the end of boot (CoreKernelEndOfBoot).
        if (_pages.Map.Frozen && (_snapshot.TryRead(va, destination) || _pages.TryReadLocked(va, destination)))
        {
            Served++;
            return true;
        }

        Refused++;
        return false;
    }
}
