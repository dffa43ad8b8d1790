using System;

namespace Lvbs.Kernel.Modules.Content.Rewrites;

/// <summary>
/// <c>.retpoline_sites</c> (PREL32 entries, written by objtool): each site is a
/// <c>call</c>/<c>jmp</c>/<c>Jcc</c> rel32 to <c>__x86_indirect_thunk_&lt;reg&gt;</c>.
/// Linux 6.1 <c>apply_retpolines</c>/<c>patch_retpoline</c> leave it (retpoline mode) or write,
/// in the instruction's own length: [<c>J!cc +len-2</c>] [<c>lfence</c>] <c>call/jmp *%reg</c>
/// and NOP1 padding turned into one long NOP by <c>optimize_nops</c>. A form that does not fit is
/// not written. Nothing else is legal.
/// </summary>
internal static class RetpolineSites
{
    private const int EntrySize = 4;

    /// <summary>Appends one site per entry; ENOEXEC for a malformed table or a site outside text.</summary>
    public static int Read(IRelocatedSections sections, SiteList sites)
    {
        int status = SiteTable.Find(sections, ".retpoline_sites"u8, EntrySize, out ulong tableVa, out ReadOnlySpan<byte> table, out int count);
        for (int i = 0; status == 0 && i < count; i++)
        {
            ulong va = SiteTable.Prel32(table, tableVa, i * EntrySize);

            // call/jmp rel32 are 5 bytes, Jcc rel32 6: the window covers 6 when text allows and
            // the rule decides the instruction's length from the reference bytes.
            int length = SiteTable.WindowLength(sections, va, 6, 5);
            if (length == 0)
            {
                return SiteTable.Malformed;
            }

            sites.Add(new RewriteSite { Kind = RewriteSiteKind.Retpoline, TableIndex = i, Va = va, Length = length });
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

        ReadOnlySpan<byte> bytes = current.Slice(offset, site.Length);
        int length;
        bool conditional = false;
        if (bytes[0] == 0xe8 || bytes[0] == 0xe9)
        {
            length = 5;
        }
        else if (bytes[0] == 0x0f && (bytes[1] & 0xf0) == 0x80 && bytes.Length >= 6)
        {
            length = 6;
            conditional = true;
        }
        else
        {
            // Linux warns and leaves a site that is not a branch.
            return true;
        }

        int field = length - 4;
        int reg = context.ThunkRegister(X86Text.Rel32Target(bytes, field, site.Va + (ulong)length));
        if (reg < 0)
        {
            return true;
        }

        Span<byte> patched = stackalloc byte[6];
        for (int lfence = 0; lfence < 2; lfence++)
        {
            int used = Encode(bytes, conditional, length, reg, lfence == 1, patched);
            if (used > 0 && !output.AddPatched(current, offset, patched.Slice(0, length), scratch))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// patch_retpoline's output for <paramref name="reg"/>, padded and NOP-optimised to
    /// <paramref name="length"/>; 0 when it does not fit (Linux then leaves the site).
    /// </summary>
    public static int Encode(ReadOnlySpan<byte> original, bool conditional, int length, int reg, bool lfence, Span<byte> output)
    {
        int i = 0;
        bool call = !conditional && original[0] == 0xe8;
        Span<byte> bytes = stackalloc byte[12];
        if (conditional)
        {
            bytes[i++] = (byte)(0x70 + ((original[1] & 0xf) ^ 1));
            bytes[i++] = (byte)(length - 2);
        }

        if (lfence)
        {
            bytes[i++] = 0x0f;
            bytes[i++] = 0xae;
            bytes[i++] = 0xe8;
        }

        if (reg >= 8)
        {
            bytes[i++] = 0x41;
        }

        bytes[i++] = 0xff;
        bytes[i++] = (byte)(0xc0 | (call ? 0x10 : 0x20) | (reg & 7));
        if (i > length)
        {
            return 0;
        }

        int emitted = i;
        while (i < length)
        {
            bytes[i++] = 0x90;
        }

        X86Text.OptimizeNopRun(bytes.Slice(0, length), emitted);
        bytes.Slice(0, length).CopyTo(output);
        return length;
    }
}
