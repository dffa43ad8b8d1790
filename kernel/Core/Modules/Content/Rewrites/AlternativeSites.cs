using System;
using System.Buffers.Binary;

namespace Lvbs.Kernel.Modules.Content.Rewrites;

/// <summary>
/// <c>.altinstructions</c>: 12-byte <c>struct alt_instr</c> (Linux 6.1) {s32 instr_offset;
/// s32 repl_offset; u16 cpuid; u8 instrlen; u8 replacementlen;}, offsets relative to their
/// fields, bit 15 of cpuid = ALTINSTR_FLAG_INV. For each entry, in table order,
/// <c>apply_alternatives</c> either keeps the site or writes the replacement (a 5-byte
/// <c>call</c> re-aimed at its target; a 5-byte <c>jmp</c> re-aimed by <c>recompute_jump</c>,
/// shortened to <c>jmp rel8</c> + NOP3 when it reaches), pads with 0x90 to instrlen, and in both
/// cases runs <c>optimize_nops</c> over the site. The CPU's feature bits are not VTL1's to trust,
/// so each entry may or may not have been applied; nothing else is legal. Replacement bytes come
/// from the reference <c>.altinstr_replacement</c>.
/// </summary>
internal static class AlternativeSites
{
    private const int EntrySize = 12;

    /// <summary>Linux's insn_buff (MAX_PATCH_LEN): the longest site it patches.</summary>
    public const int MaxLength = 254;

    /// <summary>Feature numbers beyond (NCAPINTS + NBUGINTS) * 32 make Linux BUG; this bound is generous for 6.1.</summary>
    private const int MaxFeature = 32 * 32;

    private const int InvertFlag = 1 << 15;

    /// <summary>Appends one site per entry; ENOEXEC for a malformed table, a site outside text, or a replacement outside .altinstr_replacement.</summary>
    public static int Read(IRelocatedSections sections, RewriteContext context, SiteList sites)
    {
        int status = SiteTable.Find(sections, ".altinstructions"u8, EntrySize, out ulong tableVa, out ReadOnlySpan<byte> table, out int count);
        if (status != 0 || count == 0)
        {
            return status;
        }

        bool hasReplacements = sections.TryGetSection(".altinstr_replacement"u8, out ulong replacementVa, out ReadOnlySpan<byte> replacements);
        var pool = new byte[hasReplacements ? replacements.Length : 0];
        if (hasReplacements)
        {
            replacements.CopyTo(pool);
        }

        context.ReplacementPool = pool;
        for (int i = 0; i < count; i++)
        {
            int at = i * EntrySize;
            ulong instr = SiteTable.Prel32(table, tableVa, at);
            ulong replacement = SiteTable.Prel32(table, tableVa, at + 4);
            int feature = BinaryPrimitives.ReadUInt16LittleEndian(table.Slice(at + 8)) & ~InvertFlag;
            int instrLength = table[at + 10];
            int replacementLength = table[at + 11];
            if (feature >= MaxFeature || replacementLength > instrLength || instrLength > MaxLength)
            {
                return SiteTable.Malformed;
            }

            if (instrLength == 0)
            {
                continue;
            }

            ulong poolOffset = replacement - replacementVa;
            bool inPool = replacementLength == 0
                || (hasReplacements && replacement >= replacementVa && poolOffset <= (ulong)pool.Length
                    && (ulong)pool.Length - poolOffset >= (ulong)replacementLength);
            if (!inPool || !sections.IsInText(instr, instrLength))
            {
                return SiteTable.Malformed;
            }

            sites.Add(new RewriteSite
            {
                Kind = RewriteSiteKind.Alternative,
                TableIndex = i,
                Va = instr,
                Length = instrLength,
                Value = replacementLength == 0 ? 0 : poolOffset,
                Value2 = replacement,
                Small = replacementLength,
            });
        }

        return 0;
    }

    /// <summary>Adds both results (entry not applied / applied) for <paramref name="current"/>.</summary>
    public static bool Expand(in RewriteSite site, RewriteContext context, ReadOnlySpan<byte> current, int offset, Span<byte> scratch, CandidateSet output)
    {
        Span<byte> patched = stackalloc byte[site.Length];

        // Not applied: optimize_nops still runs over the site.
        current.Slice(offset, site.Length).CopyTo(patched);
        X86Text.OptimizeTrailingNops(patched);
        if (!output.AddPatched(current, offset, patched, scratch))
        {
            return false;
        }

        return !Apply(site, context.ReplacementPool, patched) || output.AddPatched(current, offset, patched, scratch);
    }

    /// <summary>
    /// The bytes apply_alternatives writes for <paramref name="site"/> when its feature test
    /// selects the replacement; false when a re-aimed branch cannot be encoded.
    /// </summary>
    public static bool Apply(in RewriteSite site, ReadOnlySpan<byte> pool, Span<byte> output)
    {
        int replacementLength = site.Small;
        ReadOnlySpan<byte> replacement = pool.Slice((int)site.Value, replacementLength);
        replacement.CopyTo(output);
        int start = replacementLength;
        if (replacementLength == 5 && replacement[0] == 0xe8)
        {
            // A relative call keeps its absolute target.
            if (!X86Text.WriteBranch32(output, 0, 0xe8, site.Va, X86Text.Rel32Target(replacement, 1, site.Value2 + 5)))
            {
                return false;
            }
        }
        else if (replacementLength == 5 && (replacement[0] == 0xe9 || replacement[0] == 0xeb))
        {
            RecomputeJump(site, replacement, output);
        }

        for (int i = start; i < site.Length; i++)
        {
            output[i] = 0x90;
        }

        X86Text.OptimizeNopRun(output, start);
        return true;
    }

    /// <summary>
    /// recompute_jump: the displacement is re-based on the site; a forward target within
    /// rel8 reach becomes <c>eb rel8</c> + NOP3, anything else (every backward target, as
    /// Linux 6.1's test for the negative case never holds) <c>e9 rel32</c>.
    /// </summary>
    private static void RecomputeJump(in RewriteSite site, ReadOnlySpan<byte> replacement, Span<byte> output)
    {
        int oldDisplacement = BinaryPrimitives.ReadInt32LittleEndian(replacement.Slice(1));
        ulong target = site.Value2 + 5 + (ulong)(long)oldDisplacement;
        int displacement = unchecked((int)(target - site.Va));
        bool shortJump = displacement >= 0 ? displacement - 2 <= 127 : ((displacement - 2) & 0xff) == displacement - 2;
        if (shortJump)
        {
            output[0] = 0xeb;
            output[1] = unchecked((byte)(displacement - 2));
            X86Text.AddNops(output.Slice(2, 3));
            return;
        }

        output[0] = 0xe9;
        BinaryPrimitives.WriteInt32LittleEndian(output.Slice(1), displacement - 5);
    }
}
