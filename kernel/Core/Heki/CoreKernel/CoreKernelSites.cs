using System;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Kernel.Heki.Kdata;
using Lvbs.Kernel.Heki.TextPatch;

namespace Lvbs.Kernel.Heki.CoreKernel;

/// <summary>
/// Registers the core kernel's PATCH_TEXT sites once the kernel is sealed (end of boot): the
/// jump table and static-call sites found by <see cref="KernelSiteScanner"/> in the .rodata
/// LOAD_KDATA delivered, checked byte for byte against the sealed, immutable .rodata pages (the
/// copy is VTL0's word until then), the sealed kernel text mapped for PATCH_TEXT, and the
/// static-call NULL/return0 targets resolved from the kernel's exports. All-or-nothing: on any
/// failure no core site or mapping stays registered, and core PATCH_TEXT answers ENOENT.
/// </summary>
public static class CoreKernelSites
{
    private const int CompareChunk = 256;

    /// <summary>
    /// Scans and registers; 0, ENOENT (no kernel data or no jump table in it), EACCES (the
    /// tables are not in sealed immutable memory or differ from it), or PATCH_TEXT's errno.
    /// <paramref name="scan"/> says what was found.
    /// </summary>
    public static int Register(KernelDataStore kdata, SealedPages pages, PatchTextCall patchText, out KernelSiteScan scan)
    {
        scan = default;
        scan.Sites = Array.Empty<TextPatchSite>();
        KernelDataImage? data = kdata.KernelData;
        if (data is null || !pages.Map.Frozen)
        {
            return (int)LinuxErrno.ENOENT;
        }

        var layout = new SealedKernelLayout(pages);
        int status = (int)LinuxErrno.ENOENT;
        for (int i = 0; i < data.SegmentCount && status != 0; i++)
        {
            status = KernelSiteScanner.Scan(data.Segment(i), data.SegmentVa(i), layout, out scan);
        }

        if (status != 0)
        {
            return status;
        }

        if (!MatchesSealed(data, pages, scan.JumpTableVa, scan.JumpEntries * 16)
            || !MatchesSealed(data, pages, scan.StaticCallSitesVa, scan.StaticCallSites * 8))
        {
            return (int)LinuxErrno.EACCES;
        }

        status = MapText(pages, patchText);
        status = status != 0 ? status : patchText.AddKernelSites(scan.Sites);
        if (status != 0)
        {
            patchText.Sites.RemoveSites(TextPatchSite.CoreOwner, initOnly: false);
            patchText.Sites.RemoveMappings(TextPatchSite.CoreOwner, initOnly: false, 0, 0);
            return status;
        }

        SetTargets(kdata.Symbols, patchText);
        return 0;
    }

    private static bool MatchesSealed(KernelDataImage data, SealedPages pages, ulong va, int length)
    {
        if (!data.TryGet(va, length, out ReadOnlySpan<byte> copy))
        {
            return false;
        }

        Span<byte> sealedBytes = stackalloc byte[CompareChunk];
        for (int done = 0; done < length; done += CompareChunk)
        {
            int n = length - done < CompareChunk ? length - done : CompareChunk;
            if (!pages.TryReadLocked(va + (ulong)done, sealedBytes.Slice(0, n)) || !sealedBytes.Slice(0, n).SequenceEqual(copy.Slice(done, n)))
            {
                return false;
            }
        }

        return true;
    }

    // Every run of sealed-text pages in the image window, one mapping per run (PA-contiguous by extent).
    private static int MapText(SealedPages pages, PatchTextCall patchText)
    {
        CoreKernelMap map = pages.Map;
        for (int e = 0; e < map.Count; e++)
        {
            ulong va = map.VaAt(e);
            ulong length = map.LengthAt(e);
            ulong runStart = 0;
            ulong runLength = 0;
            for (ulong off = 0; off <= length; off += GuestRange.PageSize)
            {
                bool text = off < length && CoreKernelMap.InImageWindow(va + off) && pages.IsSealedText(va + off);
                if (text)
                {
                    if (runLength == 0)
                    {
                        runStart = off;
                    }

                    runLength += GuestRange.PageSize;
                    continue;
                }

                if (runLength != 0)
                {
                    int s = patchText.AddTextMapping(va + runStart, map.PaAt(e) + runStart, runLength, TextPatchSite.CoreOwner);
                    if (s != 0)
                    {
                        return s;
                    }

                    runLength = 0;
                }
            }
        }

        return 0;
    }

    private static void SetTargets(KernelSymbolTable? symbols, PatchTextCall patchText)
    {
        if (symbols is null)
        {
            return;
        }

        Span<ulong> thunks = stackalloc ulong[5];
        thunks[0] = Lookup(symbols, "__x86_return_thunk"u8);
        thunks[1] = Lookup(symbols, "srso_return_thunk"u8);
        thunks[2] = Lookup(symbols, "srso_alias_return_thunk"u8);
        thunks[3] = Lookup(symbols, "retbleed_return_thunk"u8);
        thunks[4] = Lookup(symbols, "its_return_thunk"u8);
        patchText.SetKernelTargets(Lookup(symbols, "__static_call_return0"u8), thunks);
    }

    private static ulong Lookup(KernelSymbolTable symbols, ReadOnlySpan<byte> name) =>
        symbols.TryResolve(name, out ulong address) ? address : 0;
}
