using System;
namespace Lvbs.Abi.Heki;

/// <summary>LOAD_KDATA range types (lvbs-abi.md §1.3, heki.rs / heki.h). Open set.</summary>
public enum HekiKdataType : ulong
{
    /// <summary>Built-in system certificate list.</summary>
    SystemCerts = 0,
    /// <summary>Revocation certificates.</summary>
    RevocationCerts = 1,
    /// <summary>Blocklist hashes.</summary>
    BlocklistHashes = 2,
    /// <summary><c>struct heki_kinfo</c>.</summary>
    KernelInfo = 3,
    /// <summary>Kernel data (.rodata carrying ksymtab strings).</summary>
    KernelData = 4,
    /// <summary>Jump-label patch info.</summary>
    PatchInfo = 5,
    /// <summary>Kexec trampoline.</summary>
    KexecTrampoline = 6,
}
