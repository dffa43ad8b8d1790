using System;

namespace Lvbs.Kernel.Modules.Content.Rewrites;

/// <summary>
/// <c>__mcount_loc</c> (absolute 64-bit addresses, relocated with R_X86_64_64): each is a
/// function's <c>call __fentry__</c>. At load <c>ftrace_module_init</c> → <c>ftrace_init_nop</c>
/// turns it into NOP5 (<c>0f 1f 44 00 00</c>); it stays a call when ftrace is disabled. Tracing
/// a function later is a PATCH_TEXT matter, not a load-time form.
/// </summary>
internal static class FtraceSites
{
    private const int EntrySize = 8;

    /// <summary>Appends one site per entry; ENOEXEC for a malformed table or a site outside text.</summary>
    public static int Read(IRelocatedSections sections, SiteList sites)
    {
        int status = SiteTable.Find(sections, "__mcount_loc"u8, EntrySize, out _, out ReadOnlySpan<byte> table, out int count);
        for (int i = 0; status == 0 && i < count; i++)
        {
            ulong va = SiteTable.Abs64(table, i * EntrySize);
            if (!sections.IsInText(va, 5))
            {
                return SiteTable.Malformed;
            }

            sites.Add(new RewriteSite { Kind = RewriteSiteKind.Ftrace, TableIndex = i, Va = va, Length = 5 });
        }

        return status;
    }

    /// <summary>Adds every legal result of patching <paramref name="site"/> in <paramref name="current"/>.</summary>
    public static bool Expand(in RewriteSite site, RewriteContext context, ReadOnlySpan<byte> current, int offset, Span<byte> scratch, CandidateSet output)
    {
        if (!output.Add(current))
        {
            return false;
        }

        // ftrace_make_nop compares the old bytes with the expected call first; anything else is left.
        if (context.Fentry == 0 || !X86Text.IsBranch32To(current.Slice(offset, 5), 0xe8, site.Va, context.Fentry))
        {
            return true;
        }

        return output.AddPatched(current, offset, X86Text.Nop(5), scratch);
    }
}
