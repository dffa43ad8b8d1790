namespace Lvbs.Kernel.Heki.Modules;

/// <summary>
/// Told when a validated module's memory changes hands, so services that keep per-module state
/// (PATCH_TEXT's patch sites) take or drop it: on admission they register it, after FREE_MODULE_INIT the init text may be reused by
/// VTL0, after UNLOAD_MODULE all of it.
/// </summary>
public interface IModuleLifecycleObserver
{
    /// <summary>
    /// <paramref name="module"/> passed validation and has its final permissions; 0 to admit it,
    /// or a positive errno to refuse it (VALIDATE_MODULE then rolls the whole module back).
    /// </summary>
    int OnAdmitted(ModuleRecord module);

    /// <summary>The init regions of <paramref name="module"/> were released.</summary>
    void OnInitFreed(ModuleRecord module);

    /// <summary><paramref name="module"/> was unloaded; its token is no longer valid.</summary>
    void OnUnloaded(ModuleRecord module);
}
