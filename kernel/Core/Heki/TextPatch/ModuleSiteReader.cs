using System;
using System.Buffers.Binary;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Modules;

namespace Lvbs.Kernel.Heki.TextPatch;

/// <summary>
/// Reads a validated module's own site tables from VTL1's relocated view
/// (<see cref="IRelocatedSections"/>), never from VTL0 memory (module-signatures.md §5.1, §5.2):
/// <c>__jump_table</c> = 16-byte <c>struct jump_entry</c> {s32 code, s32 target, long key}, each
/// field relative to itself; <c>.static_call_sites</c> = 8-byte {s32 addr, s32 key}, key bit 0 =
/// TAIL. Every site must lie in the module's executable sections and its reference bytes (when
/// VTL1 holds them) must be a legal encoding: a jump label NOP2/NOP5/JMP8/JMP32 to the entry's
/// target, a static call <c>e8</c>/<c>e9 rel32</c> matching the TAIL flag, whose destination
/// becomes the site's only CALL/JMP target (the key's <c>__SCT__</c> trampoline).
/// </summary>
public static class ModuleSiteReader
{
    private const int JumpEntrySize = 16;
    private const int StaticCallSiteSize = 8;
    private const int StaticCallTail = 1;

    /// <summary>
    /// The module's sites owned by <paramref name="owner"/>; sites inside
    /// [<paramref name="initTextVa"/>, +<paramref name="initTextSize"/>) are marked init. Returns 0
    /// or EINVAL (a table whose size is not a multiple of its entry, a site outside text, or
    /// reference bytes that are no legal encoding); <paramref name="sites"/> is empty on failure.
    /// </summary>
    public static int Read(IRelocatedSections sections, long owner, ulong initTextVa, ulong initTextSize, out TextPatchSite[] sites)
    {
        sites = Array.Empty<TextPatchSite>();
        ReadOnlySpan<byte> jumps = ReadOnlySpan<byte>.Empty;
        ReadOnlySpan<byte> calls = ReadOnlySpan<byte>.Empty;
        bool hasJumps = sections.TryGetSection("__jump_table"u8, out ulong jumpVa, out jumps);
        bool hasCalls = sections.TryGetSection(".static_call_sites"u8, out ulong callVa, out calls);
        if ((hasJumps && jumps.Length % JumpEntrySize != 0) || (hasCalls && calls.Length % StaticCallSiteSize != 0))
        {
            return (int)LinuxErrno.EINVAL;
        }

        var result = new TextPatchSite[(jumps.Length / JumpEntrySize) + (calls.Length / StaticCallSiteSize)];
        int n = 0;
        Span<byte> reference = stackalloc byte[TextEncodings.MaxLength];
        for (int off = 0; off < jumps.Length; off += JumpEntrySize)
        {
            ulong entry = jumpVa + (ulong)off;
            TextPatchSite s = default;
            s.Kind = TextPatchSiteKind.JumpLabel;
            s.Owner = owner;
            s.Va = unchecked(entry + (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(jumps.Slice(off, 4)));
            s.Target = unchecked(entry + 4 + (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(jumps.Slice(off + 4, 4)));
            if (!sections.IsInText(s.Va, 2) || !sections.IsInText(s.Target, 1))
            {
                return (int)LinuxErrno.EINVAL;
            }

            int have = ReadReference(sections, s.Va, reference);
            if (have > 0)
            {
                s.Length = TextEncodings.JumpLabelLength(s.Va, s.Target, reference.Slice(0, have));
                if (s.Length == 0)
                {
                    return (int)LinuxErrno.EINVAL;
                }
            }

            s.Init = s.Va >= initTextVa && s.Va - initTextVa < initTextSize;
            result[n++] = s;
        }

        for (int off = 0; off < calls.Length; off += StaticCallSiteSize)
        {
            ulong entry = callVa + (ulong)off;
            int key = BinaryPrimitives.ReadInt32LittleEndian(calls.Slice(off + 4, 4));
            TextPatchSite s = default;
            s.Kind = TextPatchSiteKind.StaticCall;
            s.Owner = owner;
            s.Length = 5;
            // The flags are the low bits of the ABSOLUTE key address (Linux static_call_key():
            // (long)&site->key + site->key): the table may sit at any alignment, so the raw
            // relative field's low bits mean nothing on their own.
            s.Tail = (unchecked(entry + 4 + (ulong)(long)key) & StaticCallTail) != 0;
            s.Va = unchecked(entry + (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(calls.Slice(off, 4)));
            if (!sections.IsInText(s.Va, 5))
            {
                return (int)LinuxErrno.EINVAL;
            }

            if (ReadReference(sections, s.Va, reference) == TextEncodings.MaxLength)
            {
                // In a .ko every site is CALL/JMP rel32 + relocation to the key's trampoline (§5.2).
                if (reference[0] != (s.Tail ? (byte)0xE9 : (byte)0xE8))
                {
                    return (int)LinuxErrno.EINVAL;
                }

                s.Target = TextEncodings.Rel32Target(s.Va, reference);
            }

            s.Init = s.Va >= initTextVa && s.Va - initTextVa < initTextSize;
            result[n++] = s;
        }

        sites = result;
        return 0;
    }

    // The reference bytes at va from whichever executable section holds them (up to 5 bytes);
    // 0 when VTL1 does not hold that section under a name it knows.
    private static int ReadReference(IRelocatedSections sections, ulong va, Span<byte> destination)
    {
        for (int i = 0; i < 11; i++)
        {
            if (sections.TryGetSection(TextSectionName(i), out ulong start, out ReadOnlySpan<byte> bytes)
                && va >= start && va - start < (ulong)bytes.Length)
            {
                int offset = (int)(va - start);
                int n = Math.Min(destination.Length, bytes.Length - offset);
                bytes.Slice(offset, n).CopyTo(destination);
                return n;
            }
        }

        return 0;
    }

    // The executable input sections a module's text can come from (Linux module.lds + compiler sections).
    private static ReadOnlySpan<byte> TextSectionName(int i)
    {
        switch (i)
        {
            case 0: return ".text"u8;
            case 1: return ".init.text"u8;
            case 2: return ".exit.text"u8;
            case 3: return ".text.unlikely"u8;
            case 4: return ".text.hot"u8;
            case 5: return ".noinstr.text"u8;
            case 6: return ".sched.text"u8;
            case 7: return ".ref.text"u8;
            case 8: return ".cpuidle.text"u8;
            case 9: return ".spinlock.text"u8;
            default: return ".text.startup"u8;
        }
    }
}
