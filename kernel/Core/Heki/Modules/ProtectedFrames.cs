using System;

namespace Lvbs.Kernel.Heki.Modules;

/// <summary>
/// Which VTL1 service owns each lower-VTL page whose permissions it set (LiteBox PR #1011's
/// platform-owned protected-frame registry; lvbs-abi.md §2.1 step 5): a module slot, the log
/// ring or a kexec slot. One ushort per page of lower-VTL RAM, allocated once. A page has at
/// most one owner, so no service can change or release another service's frames.
/// </summary>
public sealed class ProtectedFrames
{
    /// <summary>No owner.</summary>
    public const ushort Free = 0;
    /// <summary>The log ring buffer.</summary>
    public const ushort LogRing = 0xFFFF;
    /// <summary>The kexec image of the normal kexec slot.</summary>
    public const ushort KexecNormal = 0xFFFE;
    /// <summary>The kexec image of the crash slot.</summary>
    public const ushort KexecCrash = 0xFFFD;
    /// <summary>Second owner id of the normal kexec slot (a new image is checked under it while the old one stays protected).</summary>
    public const ushort KexecNormalAlternate = 0xFFFC;
    /// <summary>Second owner id of the crash kexec slot.</summary>
    public const ushort KexecCrashAlternate = 0xFFFB;
    /// <summary>Marks a kexec source page already consumed while KEXEC_VALIDATE walks an entry list (restored after the walk).</summary>
    public const ushort KexecWalkMark = 0xFFFA;
    /// <summary>Highest owner value a module slot may use.</summary>
    public const ushort MaxModuleOwner = 0xFF00;

    private readonly ushort[] _owner;

    /// <summary>Creates the table for <paramref name="pageCount"/> pages from PFN 0.</summary>
    public ProtectedFrames(ulong pageCount)
    {
        if (pageCount == 0 || pageCount > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(pageCount));
        }

        _owner = new ushort[pageCount];
    }

    /// <summary>Pages covered.</summary>
    public ulong PageCount => (ulong)_owner.Length;

    /// <summary>The owner of <paramref name="pfn"/> (<see cref="Free"/> outside the table).</summary>
    public ushort OwnerOf(ulong pfn) => pfn < (ulong)_owner.Length ? _owner[pfn] : Free;

    /// <summary>Sets the owner of <paramref name="pfn"/> (inside the table).</summary>
    public void Set(ulong pfn, ushort owner) => _owner[pfn] = owner;

    /// <summary>
    /// Releases each of <paramref name="pfns"/> that <paramref name="owner"/> still owns; a frame
    /// owned by someone else (taken after an earlier release) stays theirs.
    /// </summary>
    public void ReleaseOwned(ReadOnlySpan<ulong> pfns, ushort owner)
    {
        for (int i = 0; i < pfns.Length; i++)
        {
            if (OwnerOf(pfns[i]) == owner)
            {
                _owner[pfns[i]] = Free;
            }
        }
    }

    /// <summary>Releases every page of <paramref name="owner"/> in [<paramref name="first"/>, +<paramref name="count"/>).</summary>
    public void Release(ulong first, ulong count, ushort owner)
    {
        for (ulong p = first; p < first + count && p < (ulong)_owner.Length; p++)
        {
            if (_owner[p] == owner)
            {
                _owner[p] = Free;
            }
        }
    }
}
