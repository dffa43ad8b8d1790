using System;
using System.Buffers.Binary;

namespace Lvbs.Kernel.Modules.Content.Rewrites;

/// <summary>
/// <c>.static_call_sites</c>: 8-byte <c>struct static_call_site</c> {s32 addr; s32 key}, both
/// relative to their fields; the key's low bits are flags (1 = TAIL, 2 = INIT)
/// (module-signatures.md §5.1). In the .ko every site is <c>call</c>/<c>jmp</c> rel32 to its
/// <c>__SCT__</c> trampoline. At load <c>static_call_add_module</c> → <c>__static_call_init</c>
/// rewrites it by <c>__static_call_transform</c> to the key's current function:
/// <c>call func</c> (<c>2e 2e 2e 31 c0</c> for <c>__static_call_return0</c>) / <c>jmp func</c>,
/// or for a NULL function NOP5 / <c>ret; int3…</c> (<c>jmp x86_return_thunk</c> with RETHUNK).
/// The function is known to VTL1 only for a key the module defines (its initial value is in
/// the module's relocated <c>.data</c>) or, through <see cref="ILockedKernelMemory"/>, from the
/// locked bytes of a core trampoline (<c>e9 rel32</c> or a return, then <c>0f b9 cc</c>).
/// Otherwise only the trampoline call (the .ko form) is accepted.
/// </summary>
internal static class StaticCallSites
{
    private const int EntrySize = 8;
    private const ulong FlagMask = 3;
    private const int TailFlag = 1;

    /// <summary><c>xor %eax,%eax</c> with three CS prefixes: the 5-byte call to <c>__static_call_return0</c>.</summary>
    private static ReadOnlySpan<byte> Xor5Rax => new byte[] { 0x2e, 0x2e, 0x2e, 0x31, 0xc0 };

    /// <summary>Appends one site per entry; ENOEXEC for a malformed table or a site outside text.</summary>
    public static int Read(IRelocatedSections sections, SiteList sites)
    {
        int status = SiteTable.Find(sections, ".static_call_sites"u8, EntrySize, out ulong tableVa, out ReadOnlySpan<byte> table, out int count);
        bool hasData = sections.TryGetSection(".data"u8, out ulong dataVa, out ReadOnlySpan<byte> data);
        for (int i = 0; status == 0 && i < count; i++)
        {
            ulong va = SiteTable.Prel32(table, tableVa, i * EntrySize);
            ulong keyAndFlags = SiteTable.Prel32(table, tableVa, i * EntrySize + 4);
            if (!sections.IsInText(va, 5))
            {
                return SiteTable.Malformed;
            }

            var site = new RewriteSite
            {
                Kind = RewriteSiteKind.StaticCall,
                TableIndex = i,
                Va = va,
                Length = 5,
                Value2 = keyAndFlags & ~FlagMask,
                Small = (int)(keyAndFlags & FlagMask),
            };

            // struct static_call_key starts with `void *func`: for a key the module defines, its
            // initial function is in VTL1's relocated .data.
            ulong key = site.Value2;
            if (hasData && key >= dataVa && key - dataVa <= (ulong)data.Length && (ulong)data.Length - (key - dataVa) >= 8)
            {
                site.Value = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice((int)(key - dataVa)));
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

        bool tail = (site.Small & TailFlag) != 0;
        ulong function;
        if (site.Known)
        {
            function = site.Value;
        }
        else if (!TrampolineTarget(site.Va, context, current.Slice(offset, 5), out function))
        {
            return true;
        }

        if (function == 0 || context.IsReturnThunk(function))
        {
            return tail
                ? ReturnThunkSites.AddReturnForms(site.Va, context, current, offset, scratch, output)
                : output.AddPatched(current, offset, X86Text.Nop(5), scratch);
        }

        Span<byte> insn = stackalloc byte[5];
        if (!tail && function == context.StaticCallReturn0)
        {
            return output.AddPatched(current, offset, Xor5Rax, scratch);
        }

        return !X86Text.WriteBranch32(insn, 0, tail ? (byte)0xe9 : (byte)0xe8, site.Va, function)
            || output.AddPatched(current, offset, insn, scratch);
    }

    /// <summary>
    /// What the core trampoline this site calls jumps to, read from locked core text; 0 for a
    /// trampoline that returns. False when it cannot be known.
    /// </summary>
    private static bool TrampolineTarget(ulong siteVa, RewriteContext context, ReadOnlySpan<byte> site, out ulong function)
    {
        function = 0;
        if (context.Memory is null || (site[0] != 0xe8 && site[0] != 0xe9))
        {
            return false;
        }

        ulong trampoline = X86Text.Rel32Target(site, 1, siteVa + 5);
        Span<byte> bytes = stackalloc byte[8];
        if (!context.Memory.TryRead(trampoline, bytes) || bytes[5] != 0x0f || bytes[6] != 0xb9 || bytes[7] != 0xcc)
        {
            return false;
        }

        if (bytes[0] == 0xc3)
        {
            return true;
        }

        if (bytes[0] != 0xe9)
        {
            return false;
        }

        function = X86Text.Rel32Target(bytes, 1, trampoline + 5);
        return true;
    }
}
