namespace Lvbs.Kernel.Heki.Kdata;

/// <summary>
/// Per-type size bounds of LOAD_KDATA (lvbs-abi.md §1.3, §1.4); a type whose ranges add up to
/// more answers ERANGE before anything is copied.
/// </summary>
public static class KdataLimits
{
    /// <summary>System certificate list (Debian ships one ~1.3 KiB cert; room for many).</summary>
    public const ulong SystemCerts = 256 * 1024;
    /// <summary>Revocation certificate list.</summary>
    public const ulong RevocationCerts = 256 * 1024;
    /// <summary>HEKI_MAX_TOTAL_HASHES (100) × HEKI_MAX_TOTAL_HASH_LEN (133).</summary>
    public const ulong BlocklistHashes = 100 * 133;
    /// <summary><c>struct heki_kinfo</c> with arch data: one page.</summary>
    public const ulong KernelInfo = 4096;
    /// <summary>Kernel .rodata (~10 MB on a distribution kernel, lvbs-abi.md §1.3 PR #653).</summary>
    public const ulong KernelData = 64UL * 1024 * 1024;
    /// <summary>Jump-label patch info.</summary>
    public const ulong PatchInfo = 1024 * 1024;
    /// <summary>Kexec trampoline (a few pages).</summary>
    public const ulong KexecTrampoline = 64 * 1024;
    /// <summary>Exported symbols (a distribution kernel exports ~30,000).</summary>
    public const int MaxSymbols = 262144;
}
