using System;

namespace Lvbs.Kernel.Modules.Content.Rewrites;

/// <summary>
/// The load-time rewrites of a Linux 6.1 x86-64 module (Debian config: RETPOLINE, RETHUNK, SLS,
/// PARAVIRT, DYNAMIC_FTRACE with fentry, JUMP_LABEL with JUMP_LABEL_HACK, STATIC_CALL_INLINE, no
/// IBT): paravirt, retpoline and return-thunk sites, alternatives, SMP lock prefixes, ftrace call
/// sites, jump labels and static calls. Every site comes from a table in VTL1's relocated
/// reference. A window's legal contents are computed by replaying, on the window's reference
/// bytes and in Linux's order, every choice Linux could have made at each site in it (for
/// example, feature present or absent); the loaded bytes must be one of the results. Overlapping
/// sites (an alternative over a paravirt site) share one window. The tables Linux sorts at load
/// (<c>__mcount_loc</c>, the ORC tables) are windows too (<see cref="SortedTables"/>).
/// </summary>
public sealed class LinuxRewriteSiteRules : IRewriteSiteRules
{
    /// <summary>Longest merged window; longer overlaps are refused as malformed.</summary>
    public const int MaxWindowLength = 512;

    /// <summary>Most sites one window may merge.</summary>
    public const int MaxSitesPerWindow = 8;

    private readonly RewriteContext _context = new();
    private readonly SiteList _sites = new();
    private RewriteWindow[] _windows = Array.Empty<RewriteWindow>();
    private int[] _firstSite = Array.Empty<int>();
    private int[] _siteCount = Array.Empty<int>();

    /// <summary>Creates the rules; <paramref name="lockedMemory"/> (optional) lets static-call and paravirt sites take their direct forms.</summary>
    public LinuxRewriteSiteRules(ILockedKernelMemory? lockedMemory = null)
    {
        _context.Memory = lockedMemory;
    }

    /// <inheritdoc/>
    public int WindowCount { get; private set; }

    /// <inheritdoc/>
    public int Prepare(IRelocatedSections sections, IModuleSymbolResolver symbols)
    {
        WindowCount = 0;
        _sites.Clear();
        _context.Resolve(symbols);
        _context.ReplacementPool = Array.Empty<byte>();
        int status = ParavirtSites.Read(sections, _context, _sites);
        status = status != 0 ? status : RetpolineSites.Read(sections, _sites);
        status = status != 0 ? status : ReturnThunkSites.Read(sections, _sites);
        status = status != 0 ? status : AlternativeSites.Read(sections, _context, _sites);
        status = status != 0 ? status : SmpLockSites.Read(sections, _sites);
        status = status != 0 ? status : FtraceSites.Read(sections, _sites);
        status = status != 0 ? status : JumpLabelSites.Read(sections, _sites);
        status = status != 0 ? status : StaticCallSites.Read(sections, _sites);
        status = status != 0 ? status : SortedTables.Read(sections, _context, _sites);
        if (status == 0 && _sites.Count > SiteTable.MaxSites)
        {
            status = SiteTable.Malformed;
        }

        status = status != 0 ? status : BuildWindows();
        if (status != 0)
        {
            _sites.Clear();
            WindowCount = 0;
        }

        return status;
    }

    /// <inheritdoc/>
    public RewriteWindow GetWindow(int index) => _windows[index];

    /// <inheritdoc/>
    public bool Accept(int index, ReadOnlySpan<byte> reference, ReadOnlySpan<byte> loaded)
    {
        if ((uint)index >= (uint)WindowCount)
        {
            return false;
        }

        RewriteWindow window = _windows[index];
        if (reference.Length != window.Length || loaded.Length != window.Length)
        {
            return false;
        }

        // The signed bytes themselves are always legal: they are what a VTL0 that has not run (or
        // skipped, e.g. ftrace disabled) a rewrite holds, and they carry no choice of VTL0's.
        if (loaded.SequenceEqual(reference))
        {
            return true;
        }

        int first = _firstSite[index];
        int count = _siteCount[index];
        if (IsTable(_sites[first].Kind))
        {
            return SortedTables.Accept(in _sites[first], _context, reference, loaded);
        }

        var current = new CandidateSet(window.Length);
        var next = new CandidateSet(window.Length);
        var scratch = new byte[window.Length];
        current.Add(reference);

        // Replay the window's sites in Linux's order (kind, then table order).
        Span<bool> done = stackalloc bool[MaxSitesPerWindow];
        for (int step = 0; step < count; step++)
        {
            int pick = -1;
            for (int s = 0; s < count; s++)
            {
                if (!done[s] && (pick < 0 || SiteList.AppliedBefore(in _sites[first + s], in _sites[first + pick])))
                {
                    pick = s;
                }
            }

            done[pick] = true;
            next.Clear();
            ref RewriteSite site = ref _sites[first + pick];
            int offset = (int)(site.Va - window.Va);
            for (int c = 0; c < current.Count; c++)
            {
                if (!Expand(in site, current[c], offset, scratch, next))
                {
                    return false;
                }
            }

            CandidateSet swap = current;
            current = next;
            next = swap;
        }

        return current.Contains(loaded);
    }

    private bool Expand(in RewriteSite site, ReadOnlySpan<byte> current, int offset, Span<byte> scratch, CandidateSet output)
    {
        switch (site.Kind)
        {
            case RewriteSiteKind.Paravirt:
                return ParavirtSites.Expand(in site, _context, current, offset, scratch, output);
            case RewriteSiteKind.Retpoline:
                return RetpolineSites.Expand(in site, _context, current, offset, scratch, output);
            case RewriteSiteKind.ReturnThunk:
                return ReturnThunkSites.Expand(in site, _context, current, offset, scratch, output);
            case RewriteSiteKind.Alternative:
                return AlternativeSites.Expand(in site, _context, current, offset, scratch, output);
            case RewriteSiteKind.SmpLock:
                return SmpLockSites.Expand(in site, current, offset, scratch, output);
            case RewriteSiteKind.Ftrace:
                return FtraceSites.Expand(in site, _context, current, offset, scratch, output);
            case RewriteSiteKind.JumpLabel:
                return JumpLabelSites.Expand(in site, current, offset, scratch, output);
            case RewriteSiteKind.StaticCall:
                return StaticCallSites.Expand(in site, _context, current, offset, scratch, output);
            default:
                return false;
        }
    }

    private static bool IsTable(RewriteSiteKind kind) => kind >= RewriteSiteKind.McountTable;

    /// <summary>Sorts the sites and merges overlapping ones into sorted, disjoint windows.</summary>
    private int BuildWindows()
    {
        _sites.SortByAddress();
        if (_windows.Length < _sites.Count)
        {
            _windows = new RewriteWindow[_sites.Count];
            _firstSite = new int[_sites.Count];
            _siteCount = new int[_sites.Count];
        }

        int windows = 0;
        int i = 0;
        while (i < _sites.Count)
        {
            ulong start = _sites[i].Va;
            ulong end = start + (ulong)_sites[i].Length;
            int first = i++;
            while (i < _sites.Count && _sites[i].Va < end)
            {
                ulong siteEnd = _sites[i].Va + (ulong)_sites[i].Length;
                end = siteEnd > end ? siteEnd : end;
                i++;
            }

            // A sorted table is a window of its own, as long as the table; code windows are short.
            bool table = IsTable(_sites[first].Kind);
            if ((table && i - first > 1) || (!table && (end - start > MaxWindowLength || i - first > MaxSitesPerWindow)))
            {
                return SiteTable.Malformed;
            }

            for (int k = first + 1; k < i; k++)
            {
                if (IsTable(_sites[k].Kind))
                {
                    return SiteTable.Malformed;
                }
            }

            _windows[windows] = new RewriteWindow(start, (int)(end - start));
            _firstSite[windows] = first;
            _siteCount[windows] = i - first;
            windows++;
        }

        WindowCount = windows;
        return 0;
    }
}
