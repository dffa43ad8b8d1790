using Lvbs.Kernel.Modules;

namespace Lvbs.Kernel.Heki.TextPatch;

/// <summary>
/// How the module and kernel-data services feed PATCH_TEXT (the seam H4's module registry
/// calls): a validated module's sites come from VTL1's relocated view of it, its text frames
/// from the ranges VTL1 froze; FREE_MODULE_INIT drops the init-text sites and frames (no
/// patch-after-free), UNLOAD_MODULE drops everything of that token. Every method returns 0 or
/// a positive <see cref="Lvbs.Abi.Heki.LinuxErrno"/> and changes nothing on failure.
/// </summary>
public interface ITextPatchSites
{
    /// <summary>Registers the module's <c>__jump_table</c> and <c>.static_call_sites</c> sites after a successful VALIDATE_MODULE.</summary>
    int AddModule(long token, IRelocatedSections sections, ulong initTextVa, ulong initTextSize);

    /// <summary>Maps a page-aligned text range (module text, or the core kernel text with owner <see cref="TextPatchSite.CoreOwner"/>).</summary>
    int AddTextMapping(ulong va, ulong pa, ulong length, long owner);

    /// <summary>FREE_MODULE_INIT: drops the sites and frames in the module's init text.</summary>
    void FreeModuleInit(long token, ulong initTextVa, ulong initTextSize);

    /// <summary>UNLOAD_MODULE: drops every site and frame of the module.</summary>
    void UnloadModule(long token);
}
