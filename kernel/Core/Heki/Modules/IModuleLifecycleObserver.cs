namespace Lvbs.Kernel.Heki.Modules;

/// <summary>
/// Told when a validated module's memory changes hands, so services that keep per-module state
/// (PATCH_TEXT's patch sites) drop it: after FREE_MODULE_INIT the init text may be reused by
/// VTL0, after UNLOAD_MODULE all of it.
/// </summary>
public interface IModuleLifecycleObserver
{
    /// <summary>The init regions of <paramref name="module"/> were released.</summary>
    void OnInitFreed(ModuleRecord module);

    /// <summary><paramref name="module"/> was unloaded; its token is no longer valid.</summary>
    void OnUnloaded(ModuleRecord module);
}
