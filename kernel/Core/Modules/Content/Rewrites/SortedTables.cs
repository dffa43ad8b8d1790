using System;
using System.Buffers.Binary;

namespace Lvbs.Kernel.Modules.Content.Rewrites;

/// <summary>
/// Tables Linux 6.1 sorts in module memory before the module is validated: <c>__ex_table</c>
/// (post_relocation's sort_extable orders the 12-byte {s32 insn; s32 fixup; s32 data} entries
/// by instruction address, re-basing insn and fixup on the new slot), <c>__mcount_loc</c>
/// (ftrace_process_locs sorts a module's call-site addresses ascending, unless ftrace is
/// disabled) and the ORC tables (unwind_module_init sorts <c>.orc_unwind_ip</c> by address,
/// re-basing each PREL32 entry on its new slot and moving the matching 6-byte
/// <c>.orc_unwind</c> entry with it). The legal contents are the reference (accepted by the
/// rules for every window) or its sorted form; among entries with the same address the order is
/// Linux's heap sort's and any order is accepted. Each ORC table is checked on its own, so a
/// VTL0 could pair a sorted one with an unsorted one: that only breaks its own unwinder.
/// </summary>
internal static class SortedTables
{
    private const int OrcEntrySize = 6;
    private const int ExEntrySize = 12;

    /// <summary>Adds the table windows; a table that Linux would not sort (fewer than 2 entries, ORC sizes that disagree) gets none.</summary>
    public static int Read(IRelocatedSections sections, RewriteContext context, SiteList sites)
    {
        int status = SiteTable.Find(sections, "__mcount_loc"u8, 8, out ulong mcountVa, out _, out int mcount);
        if (status != 0)
        {
            return status;
        }

        if (mcount > 1)
        {
            sites.Add(new RewriteSite { Kind = RewriteSiteKind.McountTable, Va = mcountVa, Length = mcount * 8 });
        }

        status = SiteTable.Find(sections, "__ex_table"u8, ExEntrySize, out ulong exVa, out _, out int exCount);
        if (status != 0)
        {
            return status;
        }

        if (exCount > 1)
        {
            sites.Add(new RewriteSite { Kind = RewriteSiteKind.ExceptionTable, Va = exVa, Length = exCount * ExEntrySize });
        }

        context.OrcIp = Array.Empty<byte>();
        if (!sections.TryGetSection(".orc_unwind_ip"u8, out ulong ipVa, out ReadOnlySpan<byte> ip)
            || !sections.TryGetSection(".orc_unwind"u8, out ulong orcVa, out ReadOnlySpan<byte> orc))
        {
            return 0;
        }

        // unwind_module_init warns and leaves tables whose sizes disagree.
        int count = ip.Length / 4;
        if (ip.Length % 4 != 0 || orc.Length % OrcEntrySize != 0 || orc.Length / OrcEntrySize != count || count < 2)
        {
            return 0;
        }

        if (count > SiteTable.MaxSites)
        {
            return SiteTable.Malformed;
        }

        context.OrcIpVa = ipVa;
        context.OrcIp = ip.ToArray();
        sites.Add(new RewriteSite { Kind = RewriteSiteKind.OrcIpTable, Va = ipVa, Length = ip.Length });
        sites.Add(new RewriteSite { Kind = RewriteSiteKind.OrcTable, Va = orcVa, Length = orc.Length });
        return 0;
    }

    /// <summary>True when <paramref name="loaded"/> is a legal content of the table window.</summary>
    public static bool Accept(in RewriteSite site, RewriteContext context, ReadOnlySpan<byte> reference, ReadOnlySpan<byte> loaded)
    {
        switch (site.Kind)
        {
            case RewriteSiteKind.McountTable:
                return IsSortedMcount(reference, loaded);
            case RewriteSiteKind.OrcIpTable:
                return IsSortedOrcIp(context, loaded);
            case RewriteSiteKind.OrcTable:
                return IsPermutedOrc(context, reference, loaded);
            case RewriteSiteKind.ExceptionTable:
                return IsSortedExceptionTable(site.Va, reference, loaded);
            default:
                return false;
        }
    }

    private static bool IsSortedMcount(ReadOnlySpan<byte> reference, ReadOnlySpan<byte> loaded)
    {
        int count = reference.Length / 8;
        var values = new ulong[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadUInt64LittleEndian(reference.Slice(i * 8));
        }

        Sort(values, null);
        for (int i = 0; i < count; i++)
        {
            if (BinaryPrimitives.ReadUInt64LittleEndian(loaded.Slice(i * 8)) != values[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Absolute addresses of the reference ORC entries and, in <paramref name="order"/>, the entry indices sorted by them.</summary>
    private static ulong[] SortedOrcAddresses(RewriteContext context, out int[] order)
    {
        int count = context.OrcIp.Length / 4;
        var addresses = new ulong[count];
        order = new int[count];
        for (int i = 0; i < count; i++)
        {
            addresses[i] = SiteTable.Prel32(context.OrcIp, context.OrcIpVa, i * 4);
            order[i] = i;
        }

        Sort(addresses, order);
        return addresses;
    }

    private static bool IsSortedOrcIp(RewriteContext context, ReadOnlySpan<byte> loaded)
    {
        ulong[] sorted = SortedOrcAddresses(context, out _);
        for (int i = 0; i < sorted.Length; i++)
        {
            if (SiteTable.Prel32(loaded, context.OrcIpVa, i * 4) != sorted[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPermutedOrc(RewriteContext context, ReadOnlySpan<byte> reference, ReadOnlySpan<byte> loaded)
    {
        ulong[] sorted = SortedOrcAddresses(context, out int[] order);
        var used = new bool[sorted.Length];
        int group = 0;
        while (group < sorted.Length)
        {
            int end = group + 1;
            while (end < sorted.Length && sorted[end] == sorted[group])
            {
                end++;
            }

            // Slot k of a group of equal addresses may hold any not yet used entry of that group.
            for (int k = group; k < end; k++)
            {
                ReadOnlySpan<byte> entry = loaded.Slice(k * OrcEntrySize, OrcEntrySize);
                bool found = false;
                for (int j = group; j < end && !found; j++)
                {
                    if (!used[j] && reference.Slice(order[j] * OrcEntrySize, OrcEntrySize).SequenceEqual(entry))
                    {
                        used[j] = true;
                        found = true;
                    }
                }

                if (!found)
                {
                    return false;
                }
            }

            group = end;
        }

        return true;
    }

    /// <summary>
    /// The loaded exception table holds the reference entries (absolute insn, absolute fixup,
    /// data) in ascending insn order; entries with the same insn may come in any order.
    /// </summary>
    private static bool IsSortedExceptionTable(ulong tableVa, ReadOnlySpan<byte> reference, ReadOnlySpan<byte> loaded)
    {
        int count = reference.Length / ExEntrySize;
        var insns = new ulong[count];
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            insns[i] = SiteTable.Prel32(reference, tableVa, i * ExEntrySize);
            order[i] = i;
        }

        Sort(insns, order);
        var used = new bool[count];
        int group = 0;
        while (group < count)
        {
            int end = group + 1;
            while (end < count && insns[end] == insns[group])
            {
                end++;
            }

            for (int k = group; k < end; k++)
            {
                int at = k * ExEntrySize;
                if (SiteTable.Prel32(loaded, tableVa, at) != insns[group])
                {
                    return false;
                }

                ulong fixup = SiteTable.Prel32(loaded, tableVa, at + 4);
                int data = BinaryPrimitives.ReadInt32LittleEndian(loaded.Slice(at + 8));
                bool found = false;
                for (int j = group; j < end && !found; j++)
                {
                    int from = order[j] * ExEntrySize;
                    if (!used[j] && SiteTable.Prel32(reference, tableVa, from + 4) == fixup
                        && BinaryPrimitives.ReadInt32LittleEndian(reference.Slice(from + 8)) == data)
                    {
                        used[j] = true;
                        found = true;
                    }
                }

                if (!found)
                {
                    return false;
                }
            }

            group = end;
        }

        return true;
    }

    /// <summary>Heap sort of <paramref name="keys"/> ascending, moving <paramref name="items"/> (optional) along.</summary>
    private static void Sort(ulong[] keys, int[]? items)
    {
        int n = keys.Length;
        for (int start = (n / 2) - 1; start >= 0; start--)
        {
            SiftDown(keys, items, start, n);
        }

        for (int end = n - 1; end > 0; end--)
        {
            Swap(keys, items, 0, end);
            SiftDown(keys, items, 0, end);
        }
    }

    private static void SiftDown(ulong[] keys, int[]? items, int root, int end)
    {
        while (true)
        {
            int child = (2 * root) + 1;
            if (child >= end)
            {
                return;
            }

            if (child + 1 < end && keys[child + 1] > keys[child])
            {
                child++;
            }

            if (keys[root] >= keys[child])
            {
                return;
            }

            Swap(keys, items, root, child);
            root = child;
        }
    }

    private static void Swap(ulong[] keys, int[]? items, int a, int b)
    {
        ulong k = keys[a];
        keys[a] = keys[b];
        keys[b] = k;
        if (items is not null)
        {
            int t = items[a];
            items[a] = items[b];
            items[b] = t;
        }
    }
}
