using System;

namespace Lvbs.Kernel.Modules.Content.Rewrites;

/// <summary>
/// <c>.return_sites</c> (PREL32 entries): each site is <c>jmp __x86_return_thunk</c> (5 bytes).
/// Linux 6.1 <c>apply_returns</c>/<c>patch_return</c> (with the SRSO backport) writes either
/// <c>jmp x86_return_thunk</c> (the thunk the CPU's mitigation chose) or <c>ret; int3 × 4</c>;
/// a static-call trampoline in the table is rewritten by <c>__static_call_fixup</c> to the same
/// two RET forms. A site that is not a jump to a return thunk is left alone.
/// </summary>
internal static class ReturnThunkSites
{
    private const int EntrySize = 4;

    /// <summary>The 5-byte <c>ret; int3; int3; int3; int3</c>.</summary>
    public static ReadOnlySpan<byte> RetInt3 => new byte[] { 0xc3, 0xcc, 0xcc, 0xcc, 0xcc };

    /// <summary>Appends one site per entry; ENOEXEC for a malformed table or a site outside text.</summary>
    public static int Read(IRelocatedSections sections, SiteList sites)
    {
        int status = SiteTable.Find(sections, ".return_sites"u8, EntrySize, out ulong tableVa, out ReadOnlySpan<byte> table, out int count);
        for (int i = 0; status == 0 && i < count; i++)
        {
            ulong va = SiteTable.Prel32(table, tableVa, i * EntrySize);
            if (!sections.IsInText(va, 5))
            {
                return SiteTable.Malformed;
            }

            sites.Add(new RewriteSite { Kind = RewriteSiteKind.ReturnThunk, TableIndex = i, Va = va, Length = 5 });
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

        ReadOnlySpan<byte> bytes = current.Slice(offset, 5);
        if (bytes[0] != 0xe9 || !context.IsReturnThunk(X86Text.Rel32Target(bytes, 1, site.Va + 5)))
        {
            return true;
        }

        return AddReturnForms(site.Va, context, current, offset, scratch, output);
    }

    /// <summary>Adds <c>ret; int3…</c> and <c>jmp</c> to each known return thunk at <paramref name="offset"/>.</summary>
    public static bool AddReturnForms(ulong va, RewriteContext context, ReadOnlySpan<byte> current, int offset, Span<byte> scratch, CandidateSet output)
    {
        if (!output.AddPatched(current, offset, RetInt3, scratch))
        {
            return false;
        }

        Span<byte> jump = stackalloc byte[5];
        for (int i = 0; i < context.ReturnThunks.Length; i++)
        {
            ulong thunk = context.ReturnThunks[i];
            if (thunk != 0 && X86Text.WriteBranch32(jump, 0, 0xe9, va, thunk)
                && !output.AddPatched(current, offset, jump, scratch))
            {
                return false;
            }
        }

        return true;
    }
}
