namespace Lvbs.Kernel.Heki.Modules;

/// <summary>Size bounds of VALIDATE_MODULE (lvbs-abi.md §2.1 step 2); above them the call answers ERANGE.</summary>
public static class ModuleLimits
{
    /// <summary>MODULE_VALIDATION_MAX_SIZE: the signed .ko (ElfBuffer).</summary>
    public const ulong ElfBuffer = 64UL * 1024 * 1024;
    /// <summary>All memory regions of one module together.</summary>
    public const ulong Regions = 64UL * 1024 * 1024;
    /// <summary>Per-module jump-label patch info (ModMemType.Patch).</summary>
    public const ulong Patch = 1024 * 1024;
}
