using System;
using Lvbs.Abi.Heki;

namespace Lvbs.Kernel.Modules.Content;

/// <summary>
/// The comparison step of content validation: for each compared region (Text, RoData,
/// RoAfterInit, InitText, InitRoData), loaded == reference outside the rewrite windows, the
/// rule accepts the loaded bytes inside each window, and a page-rounding tail is zero. Every
/// window must lie inside the reference part of one compared region, and windows must be
/// sorted and disjoint; the rules object is not trusted on either point.
/// </summary>
internal static class RegionComparer
{
    public static int Compare(LoadedModule loaded, byte[][] reference, IRewriteSiteRules rules)
    {
        int windows = rules.WindowCount;
        if (windows < 0)
        {
            return (int)LinuxErrno.ENOEXEC;
        }

        ulong previousEnd = 0;
        for (int w = 0; w < windows; w++)
        {
            RewriteWindow win = rules.GetWindow(w);
            if (win.Length <= 0 || win.Va < previousEnd || win.Va + (ulong)win.Length < win.Va)
            {
                return (int)LinuxErrno.ENOEXEC;
            }

            previousEnd = win.Va + (ulong)win.Length;
        }

        int consumed = 0;
        for (int t = 0; t < LoadedModule.RegionTypeCount; t++)
        {
            var type = (ModMemType)(ulong)t;
            LoadedRegion? region = loaded[type];
            if (!ModuleContentValidator.IsCompared(type) || region is null || region.Bytes.Length == 0)
            {
                continue;
            }

            int status = CompareRegion(region, reference[t], rules, ref consumed);
            if (status != 0)
            {
                return status;
            }
        }

        // A window outside every compared region means the rules saw a site VTL1 cannot check.
        return consumed == windows ? 0 : (int)LinuxErrno.ENOEXEC;
    }

    private static int CompareRegion(LoadedRegion region, byte[] reference, IRewriteSiteRules rules, ref int consumed)
    {
        ReadOnlySpan<byte> loaded = region.Bytes;
        ReadOnlySpan<byte> expected = reference;
        ulong baseVa = region.Va;
        ulong end = baseVa + (ulong)expected.Length;
        int pos = 0;
        for (int w = 0; w < rules.WindowCount; w++)
        {
            RewriteWindow win = rules.GetWindow(w);
            if (win.Va < baseVa || win.Va >= end)
            {
                continue;
            }

            if ((ulong)win.Length > end - win.Va)
            {
                return (int)LinuxErrno.ENOEXEC;
            }

            int off = (int)(win.Va - baseVa);
            if (!loaded.Slice(pos, off - pos).SequenceEqual(expected.Slice(pos, off - pos)))
            {
                return (int)LinuxErrno.EACCES;
            }

            if (!rules.Accept(w, expected.Slice(off, win.Length), loaded.Slice(off, win.Length)))
            {
                return (int)LinuxErrno.EACCES;
            }

            pos = off + win.Length;
            consumed++;
        }

        if (!loaded.Slice(pos, expected.Length - pos).SequenceEqual(expected.Slice(pos)))
        {
            return (int)LinuxErrno.EACCES;
        }

        ReadOnlySpan<byte> tail = loaded.Slice(expected.Length);
        for (int i = 0; i < tail.Length; i++)
        {
            if (tail[i] != 0)
            {
                return (int)LinuxErrno.EACCES;
            }
        }

        return 0;
    }
}
