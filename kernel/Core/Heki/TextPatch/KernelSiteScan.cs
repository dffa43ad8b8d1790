namespace Lvbs.Kernel.Heki.TextPatch;

/// <summary>What <see cref="KernelSiteScanner.Scan"/> found in the core kernel's .rodata.</summary>
public struct KernelSiteScan
{
    /// <summary>VA of the first <c>struct jump_entry</c>.</summary>
    public ulong JumpTableVa;

    /// <summary>Entries in the jump table (init-text ones included).</summary>
    public int JumpEntries;

    /// <summary>VA of the first <c>struct static_call_site</c>.</summary>
    public ulong StaticCallSitesVa;

    /// <summary>Static call sites (init-text ones included).</summary>
    public int StaticCallSites;

    /// <summary>The sites to register: every entry outside init text.</summary>
    public TextPatchSite[] Sites;
}
