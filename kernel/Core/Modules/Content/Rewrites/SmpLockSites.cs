using System;

namespace Lvbs.Kernel.Modules.Content.Rewrites;

/// <summary>
/// <c>.smp_locks</c> (PREL32 entries): each points at a <c>lock</c> prefix (0xf0). When Linux
/// booted uniprocessor, <c>alternatives_smp_module_add</c> → <c>alternatives_smp_unlock</c> turns
/// it into a DS override (0x3e). Entries whose offset is 0 are skipped by Linux and here.
/// </summary>
internal static class SmpLockSites
{
    private const int EntrySize = 4;

    /// <summary>Appends one site per entry; ENOEXEC for a malformed table or a site outside text.</summary>
    public static int Read(IRelocatedSections sections, SiteList sites)
    {
        int status = SiteTable.Find(sections, ".smp_locks"u8, EntrySize, out ulong tableVa, out ReadOnlySpan<byte> table, out int count);
        for (int i = 0; status == 0 && i < count; i++)
        {
            if (table[i * EntrySize] == 0 && table[i * EntrySize + 1] == 0 && table[i * EntrySize + 2] == 0 && table[i * EntrySize + 3] == 0)
            {
                continue;
            }

            ulong va = SiteTable.Prel32(table, tableVa, i * EntrySize);
            if (!sections.IsInText(va, 1))
            {
                return SiteTable.Malformed;
            }

            sites.Add(new RewriteSite { Kind = RewriteSiteKind.SmpLock, TableIndex = i, Va = va, Length = 1 });
        }

        return status;
    }

    /// <summary>Adds every legal result of patching <paramref name="site"/> in <paramref name="current"/>.</summary>
    public static bool Expand(in RewriteSite site, ReadOnlySpan<byte> current, int offset, Span<byte> scratch, CandidateSet output)
    {
        if (!output.Add(current))
        {
            return false;
        }

        if (current[offset] != 0xf0)
        {
            return true;
        }

        ReadOnlySpan<byte> ds = new byte[] { 0x3e };
        return output.AddPatched(current, offset, ds, scratch);
    }
}
