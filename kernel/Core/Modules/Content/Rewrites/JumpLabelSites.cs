using System;

namespace Lvbs.Kernel.Modules.Content.Rewrites;

/// <summary>
/// <c>__jump_table</c>: 16-byte <c>struct jump_entry</c> {s32 code; s32 target; long key}, code and
/// target relative to their own fields (module-signatures.md §5.1). A site is 2 or 5 bytes, the
/// size objtool fixed (<c>arch_jump_entry_size</c>); at load <c>jump_label_add_module</c> leaves
/// it or switches it to the other state when the key's current state differs from its initial
/// one. So the legal bytes are exactly: the NOP of that size (<c>66 90</c> / NOP5) or the JMP of
/// that size to the entry's target. Key states are core data VTL1 cannot trust, so both states
/// are allowed; a jump anywhere else is not.
/// </summary>
internal static class JumpLabelSites
{
    private const int EntrySize = 16;

    /// <summary>Appends one site per entry; ENOEXEC for a malformed table, a site or target outside text.</summary>
    public static int Read(IRelocatedSections sections, SiteList sites)
    {
        int status = SiteTable.Find(sections, "__jump_table"u8, EntrySize, out ulong tableVa, out ReadOnlySpan<byte> table, out int count);
        for (int i = 0; status == 0 && i < count; i++)
        {
            ulong code = SiteTable.Prel32(table, tableVa, i * EntrySize);
            ulong target = SiteTable.Prel32(table, tableVa, i * EntrySize + 4);

            // The site's size comes from the reference bytes; the window covers 5 when text allows.
            int length = SiteTable.WindowLength(sections, code, 5, 2);
            if (length == 0 || !sections.IsInText(target, 1))
            {
                return SiteTable.Malformed;
            }

            sites.Add(new RewriteSite { Kind = RewriteSiteKind.JumpLabel, TableIndex = i, Va = code, Length = length, Value = target });
        }

        return status;
    }

    /// <summary>The site's instruction size from its current bytes (2 or 5), or 0 when it is neither a jump-label NOP nor a JMP.</summary>
    public static int SiteSize(ReadOnlySpan<byte> bytes)
    {
        if (bytes[0] == 0xeb || (bytes.Length >= 2 && bytes[0] == 0x66 && bytes[1] == 0x90))
        {
            return 2;
        }

        if (bytes.Length >= 5 && (bytes[0] == 0xe9 || bytes.Slice(0, 5).SequenceEqual(X86Text.Nop(5))))
        {
            return 5;
        }

        return 0;
    }

    /// <summary>Writes the JMP of <paramref name="size"/> bytes at <paramref name="va"/> to <paramref name="target"/>; false when a JMP8 cannot reach it.</summary>
    public static bool EncodeJump(int size, ulong va, ulong target, Span<byte> output)
    {
        if (size == 5)
        {
            return X86Text.WriteBranch32(output, 0, 0xe9, va, target);
        }

        long rel = (long)(target - (va + 2));
        if (rel < sbyte.MinValue || rel > sbyte.MaxValue)
        {
            return false;
        }

        output[0] = 0xeb;
        output[1] = unchecked((byte)rel);
        return true;
    }

    /// <summary>Adds every legal result of patching <paramref name="site"/> in <paramref name="current"/>.</summary>
    public static bool Expand(in RewriteSite site, ReadOnlySpan<byte> current, int offset, Span<byte> scratch, CandidateSet output)
    {
        if (!output.Add(current))
        {
            return false;
        }

        int size = SiteSize(current.Slice(offset, site.Length));
        if (size == 0)
        {
            return true;
        }

        Span<byte> jump = stackalloc byte[5];
        if (!output.AddPatched(current, offset, X86Text.Nop(size), scratch))
        {
            return false;
        }

        return !EncodeJump(size, site.Va, site.Value, jump) || output.AddPatched(current, offset, jump.Slice(0, size), scratch);
    }
}
