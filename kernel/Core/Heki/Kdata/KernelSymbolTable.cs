using System;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Modules;

namespace Lvbs.Kernel.Heki.Kdata;

/// <summary>
/// The core kernel's exported symbols, read from VTL1's copy of VTL0's <c>__ksymtab</c> and
/// <c>__ksymtab_gpl</c> (PREL32 <see cref="KernelSymbolEntry"/>, bounds from
/// <see cref="HekiKernelInfo"/>; lvbs-abi.md §1.3, §2.2). Built once at LOAD_KDATA, where every
/// entry is validated: the table lies inside the kernel data, each name is a NUL-terminated
/// string of at most 512 bytes inside it, and each table is sorted by name (the linker's
/// <c>SORT(___ksymtab+*)</c>), so lookups are a binary search exactly like Linux's
/// <c>find_exported_symbol_in_section</c>. Lookups never touch VTL0 memory.
/// </summary>
public sealed class KernelSymbolTable : IModuleSymbolResolver
{
    private readonly KernelDataImage _data;
    private readonly ulong[] _nameVa;
    private readonly ulong[] _value;
    private readonly int _plainCount;

    private KernelSymbolTable(KernelDataImage data, ulong[] nameVa, ulong[] value, int plainCount)
    {
        _data = data;
        _nameVa = nameVa;
        _value = value;
        _plainCount = plainCount;
    }

    /// <summary>Exported symbols (both tables).</summary>
    public int Count => _value.Length;

    /// <summary>Entries of <c>__ksymtab</c> (the rest are <c>__ksymtab_gpl</c>).</summary>
    public int PlainCount => _plainCount;

    /// <summary>
    /// Validates and indexes both tables. Returns 0, EINVAL (bounds not 12-byte multiples,
    /// inverted, outside the kernel data, a bad name, an unsorted table) or ERANGE (more than
    /// <paramref name="maxSymbols"/> entries).
    /// </summary>
    public static LinuxErrno TryBuild(in HekiKernelInfo info, KernelDataImage data, int maxSymbols, out KernelSymbolTable? table)
    {
        table = null;
        LinuxErrno e = CountEntries(info.KsymtabStart, info.KsymtabEnd, out ulong plain);
        if (e != 0)
        {
            return e;
        }

        e = CountEntries(info.KsymtabGplStart, info.KsymtabGplEnd, out ulong gpl);
        if (e != 0)
        {
            return e;
        }

        if (plain + gpl > (ulong)maxSymbols)
        {
            return LinuxErrno.ERANGE;
        }

        var nameVa = new ulong[plain + gpl];
        var value = new ulong[plain + gpl];
        e = Index(data, info.KsymtabStart, (int)plain, nameVa, value, 0);
        if (e != 0)
        {
            return e;
        }

        e = Index(data, info.KsymtabGplStart, (int)gpl, nameVa, value, (int)plain);
        if (e != 0)
        {
            return e;
        }

        table = new KernelSymbolTable(data, nameVa, value, (int)plain);
        return 0;
    }

    /// <summary>Looks up <paramref name="name"/> in both tables (VTL1's own lookups, not a module's binding).</summary>
    public bool TryResolve(ReadOnlySpan<byte> name, out ulong address) => TryResolve(name, true, out address);

    /// <summary>Looks up <paramref name="name"/>, <c>__ksymtab_gpl</c> only when <paramref name="gplOk"/>.</summary>
    public bool TryResolve(ReadOnlySpan<byte> name, bool gplOk, out ulong address) => TryResolve(name, gplOk, out address, out _);

    /// <inheritdoc />
    public bool TryResolve(ReadOnlySpan<byte> name, bool gplOk, out ulong address, out ResolvedSymbolFlags flags)
    {
        // Linux searches __ksymtab, then __ksymtab_gpl (find_symbol's arr[] order); the GPL-only
        // table is skipped when !gplok (find_exported_symbol_in_section). The core kernel is
        // never a proprietary owner (fsa.owner is NULL).
        flags = ResolvedSymbolFlags.None;
        if (Search(name, 0, _plainCount, out address))
        {
            return true;
        }

        if (gplOk && Search(name, _plainCount, _value.Length, out address))
        {
            flags = ResolvedSymbolFlags.GplOnly;
            return true;
        }

        return false;
    }

    private bool Search(ReadOnlySpan<byte> name, int lo, int end, out ulong address)
    {
        address = 0;
        int hi = end - 1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            int c = Compare(name, NameAt(mid));
            if (c == 0)
            {
                address = _value[mid];
                return true;
            }

            if (c < 0)
            {
                hi = mid - 1;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return false;
    }

    private ReadOnlySpan<byte> NameAt(int index)
    {
        // Validated at build time; a failure here would mean the image changed, which it cannot.
        _data.TryGetString(_nameVa[index], KernelSymbolEntry.MaxNameLength, out ReadOnlySpan<byte> text);
        return text;
    }

    private static LinuxErrno CountEntries(ulong start, ulong end, out ulong count)
    {
        count = 0;
        if (end < start || (end - start) % KernelSymbolEntry.Size != 0)
        {
            return LinuxErrno.EINVAL;
        }

        count = (end - start) / KernelSymbolEntry.Size;
        return 0;
    }

    private static LinuxErrno Index(KernelDataImage data, ulong start, int count, ulong[] nameVa, ulong[] value, int at)
    {
        if (count == 0)
        {
            return 0;
        }

        if (!data.TryGet(start, count * KernelSymbolEntry.Size, out ReadOnlySpan<byte> table))
        {
            return LinuxErrno.EINVAL;
        }

        ReadOnlySpan<byte> previous = default;
        for (int i = 0; i < count; i++)
        {
            KernelSymbolEntry entry = KernelSymbolEntry.Read(table.Slice(i * KernelSymbolEntry.Size, KernelSymbolEntry.Size));
            ulong entryVa = start + (ulong)(i * KernelSymbolEntry.Size);
            // PREL32: a signed offset from the field itself; wrapping arithmetic is the definition.
            ulong nva = unchecked(entryVa + KernelSymbolEntry.NameOffsetField + (ulong)(long)entry.NameOffset);
            if (!data.TryGetString(nva, KernelSymbolEntry.MaxNameLength, out ReadOnlySpan<byte> name) || name.Length == 0)
            {
                return LinuxErrno.EINVAL;
            }

            if (i > 0 && Compare(previous, name) > 0)
            {
                // Unsorted: a binary search would miss symbols, so the table is refused.
                return LinuxErrno.EINVAL;
            }

            previous = name;
            nameVa[at + i] = nva;
            value[at + i] = unchecked(entryVa + KernelSymbolEntry.ValueOffsetField + (ulong)(long)entry.ValueOffset);
        }

        return 0;
    }

    /// <summary>strcmp over byte strings without terminators.</summary>
    internal static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int n = a.Length < b.Length ? a.Length : b.Length;
        for (int i = 0; i < n; i++)
        {
            if (a[i] != b[i])
            {
                return a[i] < b[i] ? -1 : 1;
            }
        }

        return a.Length == b.Length ? 0 : (a.Length < b.Length ? -1 : 1);
    }
}
