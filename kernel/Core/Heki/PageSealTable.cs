using System;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki;

/// <summary>
/// What PROTECT_MEMORY has already promised about each lower-VTL page, one byte per page of
/// lower-VTL RAM (allocated once). Two seals:
/// no-write — set when a page is protected without Write (read-only or executable): it can never
/// be made writable again; immutable — set by MemAttr.IMMUTABLE: later calls may only keep or
/// narrow its permission. A per-page call stamp also detects a page named twice in one call.
/// </summary>
public sealed class PageSealTable
{
    private const byte PermissionMask = 0x0F;
    private const byte Tracked = 0x10;
    private const byte NoWrite = 0x20;
    private const byte Immutable = 0x40;

    private readonly byte[] _state;
    private readonly ushort[] _stamp;
    private ushort _call;

    /// <summary>Creates a table for <paramref name="pageCount"/> pages from PFN 0.</summary>
    public PageSealTable(ulong pageCount)
    {
        if (pageCount == 0 || pageCount > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(pageCount));
        }

        _state = new byte[pageCount];
        _stamp = new ushort[pageCount];
    }

    /// <summary>Number of pages covered.</summary>
    public ulong PageCount => (ulong)_state.Length;

    /// <summary>Starts checking a new call (for duplicate-page detection).</summary>
    public void BeginCall()
    {
        _call++;
        if (_call == 0)
        {
            // The stamp wrapped: forget old stamps so none matches the new call by accident.
            Array.Clear(_stamp, 0, _stamp.Length);
            _call = 1;
        }
    }

    /// <summary>
    /// Checks that <paramref name="pfn"/> (inside the table) may take <paramref name="permissions"/>
    /// and marks it as named by this call. Returns false when the page is already named in this
    /// call (<paramref name="duplicate"/> true) or a seal forbids the change.
    /// </summary>
    public bool CheckAndStamp(ulong pfn, VtlPermissions permissions, out bool duplicate)
    {
        duplicate = _stamp[pfn] == _call;
        if (duplicate)
        {
            return false;
        }

        _stamp[pfn] = _call;
        byte s = _state[pfn];
        if ((s & Tracked) == 0)
        {
            return true;
        }

        byte requested = (byte)permissions;
        if ((s & NoWrite) != 0 && (requested & (byte)VtlPermissions.Write) != 0)
        {
            return false;
        }

        if ((s & Immutable) != 0 && (requested & ~(s & PermissionMask)) != 0)
        {
            return false;
        }

        return true;
    }

    /// <summary>Records that <paramref name="pfn"/> now has <paramref name="permissions"/>; seals only accumulate.</summary>
    public void Commit(ulong pfn, VtlPermissions permissions, bool immutable)
    {
        byte s = (byte)((_state[pfn] & (NoWrite | Immutable)) | Tracked | ((byte)permissions & PermissionMask));
        if (((byte)permissions & (byte)VtlPermissions.Write) == 0)
        {
            s |= NoWrite;
        }

        if (immutable)
        {
            s |= Immutable;
        }

        _state[pfn] = s;
    }

    /// <summary>True when <paramref name="pfn"/> can never be made writable again.</summary>
    public bool IsWriteSealed(ulong pfn) => pfn < PageCount && (_state[pfn] & NoWrite) != 0;

    /// <summary>True when <paramref name="pfn"/> was protected with IMMUTABLE.</summary>
    public bool IsImmutable(ulong pfn) => pfn < PageCount && (_state[pfn] & Immutable) != 0;

    /// <summary>The permission PROTECT_MEMORY last gave <paramref name="pfn"/>; false when it never named the page.</summary>
    public bool TryGetPermissions(ulong pfn, out VtlPermissions permissions)
    {
        byte s = pfn < PageCount ? _state[pfn] : (byte)0;
        permissions = (VtlPermissions)(s & PermissionMask);
        return (s & Tracked) != 0;
    }
}
