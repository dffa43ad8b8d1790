using System;
using System.Buffers.Binary;
using Lvbs.Abi.Heki;

namespace Lvbs.Kernel.Heki.TextPatch;

/// <summary>
/// Finds the core kernel's <c>__jump_table</c> and <c>.static_call_sites</c> inside .rodata by
/// structure, without symbols (module-signatures.md §5.3; x86 places RO_AFTER_INIT_DATA, which
/// holds both, in .rodata): the jump table is the longest run of 8-aligned 16-byte entries whose
/// code and target are kernel text and whose key (low 2 bits masked) is kernel data; the static
/// call sites follow at the next 8-byte boundary as 8-byte {addr, key} entries until an entry
/// whose addr is a trampoline (signature <c>0f b9 cc</c> at +5: the start of
/// <c>.static_call_tramp_key</c>) or is not text/data (an init-text addr is taken by structure:
/// its bytes are gone). Sites in init text are left out: Linux
/// frees it at the end of boot, before VTL1 seals the kernel. Jump-label lengths and static-call
/// targets stay unknown (0) until PATCH_TEXT reads the sealed bytes.
/// </summary>
public static class KernelSiteScanner
{
    /// <summary>A shorter run is not taken for the jump table (vmlinux has thousands of entries).</summary>
    public const int MinJumpEntries = 16;

    private const int JumpEntrySize = 16;
    private const int SiteSize = 8;

    /// <summary>
    /// Scans <paramref name="rodata"/> (at <paramref name="rodataVa"/>). Returns 0, or ENOENT when
    /// no run of at least <see cref="MinJumpEntries"/> jump entries exists; <paramref name="result"/>
    /// is empty on failure.
    /// </summary>
    public static int Scan(ReadOnlySpan<byte> rodata, ulong rodataVa, IKernelTextLayout layout, out KernelSiteScan result)
    {
        result = default;
        result.Sites = Array.Empty<TextPatchSite>();
        int firstAligned = (int)((8 - (rodataVa & 7)) & 7);
        int bestStart = -1;
        int bestCount = 0;
        for (int phase = 0; phase < 2; phase++)
        {
            int runStart = -1;
            int run = 0;
            for (int o = firstAligned + (phase * 8); o + JumpEntrySize <= rodata.Length; o += JumpEntrySize)
            {
                if (IsJumpEntry(rodata, rodataVa, o, layout))
                {
                    if (run == 0)
                    {
                        runStart = o;
                    }

                    run++;
                    if (run > bestCount || (run == bestCount && runStart < bestStart))
                    {
                        bestCount = run;
                        bestStart = runStart;
                    }
                }
                else
                {
                    run = 0;
                }
            }
        }

        if (bestCount < MinJumpEntries)
        {
            return (int)LinuxErrno.ENOENT;
        }

        int callStart = bestStart + (bestCount * JumpEntrySize);
        int callCount = 0;
        Span<byte> tramp = stackalloc byte[8];
        for (int o = callStart; o + SiteSize <= rodata.Length; o += SiteSize)
        {
            ulong entry = rodataVa + (ulong)o;
            ulong addr = Rel32(rodata, o, entry);
            ulong key = Rel32(rodata, o + 4, entry + 4) & ~3UL;
            // A site in init text cannot be read (Linux freed it before sealing): structure only.
            bool init = layout.IsInitText(addr);
            if (!layout.IsText(addr) || !layout.IsData(key)
                || (!init && (!layout.TryReadText(addr, tramp) || (tramp[5] == 0x0F && tramp[6] == 0xB9 && tramp[7] == 0xCC))))
            {
                break;
            }

            callCount++;
        }

        var sites = new TextPatchSite[bestCount + callCount];
        int n = 0;
        for (int i = 0; i < bestCount; i++)
        {
            int o = bestStart + (i * JumpEntrySize);
            ulong entry = rodataVa + (ulong)o;
            TextPatchSite s = default;
            s.Kind = TextPatchSiteKind.JumpLabel;
            s.Owner = TextPatchSite.CoreOwner;
            s.Va = Rel32(rodata, o, entry);
            s.Target = Rel32(rodata, o + 4, entry + 4);
            if (!layout.IsInitText(s.Va))
            {
                sites[n++] = s;
            }
        }

        for (int i = 0; i < callCount; i++)
        {
            int o = callStart + (i * SiteSize);
            ulong entry = rodataVa + (ulong)o;
            TextPatchSite s = default;
            s.Kind = TextPatchSiteKind.StaticCall;
            s.Owner = TextPatchSite.CoreOwner;
            s.Length = 5;
            s.Va = Rel32(rodata, o, entry);
            s.Tail = (BinaryPrimitives.ReadInt32LittleEndian(rodata.Slice(o + 4, 4)) & 1) != 0;
            if (!layout.IsInitText(s.Va))
            {
                sites[n++] = s;
            }
        }

        result.JumpTableVa = rodataVa + (ulong)bestStart;
        result.JumpEntries = bestCount;
        result.StaticCallSitesVa = rodataVa + (ulong)callStart;
        result.StaticCallSites = callCount;
        result.Sites = n == sites.Length ? sites : sites.AsSpan(0, n).ToArray();
        return 0;
    }

    private static bool IsJumpEntry(ReadOnlySpan<byte> rodata, ulong rodataVa, int o, IKernelTextLayout layout)
    {
        ulong entry = rodataVa + (ulong)o;
        ulong code = Rel32(rodata, o, entry);
        ulong target = Rel32(rodata, o + 4, entry + 4);
        ulong key = unchecked(entry + 8 + (ulong)BinaryPrimitives.ReadInt64LittleEndian(rodata.Slice(o + 8, 8))) & ~3UL;
        return layout.IsText(code) && layout.IsText(target) && layout.IsData(key);
    }

    private static ulong Rel32(ReadOnlySpan<byte> bytes, int offset, ulong fieldVa) =>
        unchecked(fieldVa + (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(offset, 4)));
}
