using System;
using System.Buffers.Binary;

namespace Lvbs.Kernel.Modules.Content.Rewrites;

/// <summary>
/// <c>.parainstructions</c>: 16-byte <c>struct paravirt_patch_site</c> {u8 *instr; u8 type;
/// u8 len;} (instr absolute, relocated with R_X86_64_64). Each site is an indirect
/// <c>call *pv_ops+8*type(%rip)</c>. Linux 6.1 <c>apply_paravirt</c> → <c>paravirt_patch</c>
/// writes, padded by <c>add_nops</c> to <c>len</c>: <c>call</c> rel32 to <c>pv_ops[type]</c>;
/// nothing (all NOPs) when that is <c>_paravirt_nop</c>; <c>call paravirt_BUG</c> when it is
/// NULL. The slot
/// is core data: VTL1 allows those forms only when it can read the slot from locked memory
/// (<see cref="ILockedKernelMemory"/>); otherwise it accepts only the unpatched indirect call,
/// which has the same effect.
/// </summary>
internal static class ParavirtSites
{
    private const int EntrySize = 16;

    /// <summary>Longest site Linux patches (MAX_PATCH_LEN).</summary>
    public const int MaxLength = 254;

    /// <summary>Appends one site per entry; ENOEXEC for a malformed table, a site outside text or too long.</summary>
    public static int Read(IRelocatedSections sections, RewriteContext context, SiteList sites)
    {
        int status = SiteTable.Find(sections, ".parainstructions"u8, EntrySize, out _, out ReadOnlySpan<byte> table, out int count);
        Span<byte> slot = stackalloc byte[8];
        for (int i = 0; status == 0 && i < count; i++)
        {
            ulong va = SiteTable.Abs64(table, i * EntrySize);
            int type = table[i * EntrySize + 8];
            int length = table[i * EntrySize + 9];
            if (length == 0)
            {
                continue;
            }

            if (length > MaxLength || !sections.IsInText(va, length))
            {
                return SiteTable.Malformed;
            }

            var site = new RewriteSite { Kind = RewriteSiteKind.Paravirt, TableIndex = i, Va = va, Length = length, Value2 = (ulong)type };
            if (context.Memory is not null && context.PvOps != 0 && context.Memory.TryRead(context.PvOps + (8 * (ulong)type), slot))
            {
                site.Value = BinaryPrimitives.ReadUInt64LittleEndian(slot);
                site.Known = true;
            }

            sites.Add(site);
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

        if (!site.Known)
        {
            return true;
        }

        Span<byte> patched = stackalloc byte[site.Length];
        int used = 0;
        if (site.Value != context.ParavirtNop || site.Value == 0)
        {
            // A NULL slot is patched to a call of paravirt_BUG (known only when it resolves).
            ulong target = site.Value != 0 ? site.Value : context.ParavirtBug;
            if (target == 0 || site.Length < 5 || !X86Text.WriteBranch32(patched, 0, 0xe8, site.Va, target))
            {
                return true;
            }

            used = 5;
        }

        X86Text.AddNops(patched.Slice(used));
        return output.AddPatched(current, offset, patched, scratch);
    }
}
