using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Kernel.Heki.Modules;

namespace Lvbs.Kernel.Heki.TextPatch;

/// <summary>
/// Connects the module registry to PATCH_TEXT. <see cref="OnAdmitted"/> (called by
/// VALIDATE_MODULE once the module has its final permissions) maps the module's MOD_TEXT and MOD_INIT_TEXT frames
/// (the k-th frame of a type is at RegionVa(type) + k pages: VALIDATE_MODULE requires each type's
/// ranges to be VA-contiguous and copies them in chain order) and registers the sites of
/// VTL1's relocated view. The lifecycle callbacks drop init-text sites and frames on
/// FREE_MODULE_INIT and everything on UNLOAD_MODULE.
/// </summary>
public sealed class ModuleTextPatchObserver : IModuleLifecycleObserver
{
    private readonly PatchTextCall _patch;

    /// <summary>Creates the observer over the PATCH_TEXT service.</summary>
    public ModuleTextPatchObserver(PatchTextCall patch)
    {
        _patch = patch;
    }

    /// <summary>
    /// Registers an admitted module (<see cref="IModuleLifecycleObserver.OnAdmitted"/>); 0 or a positive errno (EINVAL for a malformed site table
    /// or frames that alias known text), in which case nothing of it stays registered and its
    /// sites cannot be patched.
    /// </summary>
    public int OnAdmitted(ModuleRecord module)
    {
        int status = Map(module, ModMemType.Text);
        status = status != 0 ? status : Map(module, ModMemType.InitText);
        if (status == 0 && module.Admitted.Sections is not null)
        {
            status = _patch.AddModule(module.Token, module.Admitted.Sections, module.RegionVa(ModMemType.InitText), module.RegionSize(ModMemType.InitText));
        }

        if (status != 0)
        {
            _patch.UnloadModule(module.Token);
        }

        return status;
    }

    /// <inheritdoc />
    public void OnInitFreed(ModuleRecord module) =>
        _patch.FreeModuleInit(module.Token, module.RegionVa(ModMemType.InitText), PageRound(module.RegionSize(ModMemType.InitText)));

    /// <inheritdoc />
    public void OnUnloaded(ModuleRecord module) => _patch.UnloadModule(module.Token);

    private int Map(ModuleRecord module, ModMemType type)
    {
        ulong va = module.RegionVa(type);
        ulong k = 0;
        for (int i = 0; i < module.Pfns.Length; i++)
        {
            if (module.Types[i] != type)
            {
                continue;
            }

            int status = _patch.AddTextMapping(va + (k << GuestRange.PageShift), module.Pfns[i] << GuestRange.PageShift, GuestRange.PageSize, module.Token);
            if (status != 0)
            {
                return status;
            }

            k++;
        }

        return 0;
    }

    private static ulong PageRound(ulong size) => (size + GuestRange.PageSize - 1) & ~(GuestRange.PageSize - 1);
}
