using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki.Modules;

/// <summary>
/// UNLOAD_MODULE (0x1FFE8; a1 = token; lvbs-abi.md §1.2): every frame the module still owns
/// becomes RW without execute and is released, and the token and the module's exports are
/// forgotten (later modules can no longer resolve against them). PATCH_TEXT's observer drops
/// the module's patch sites. Unknown token: EINVAL; backend failure: EIO (module kept).
/// </summary>
public sealed class UnloadModuleCall : IVsmCallHandler
{
    private readonly ISecurePlatform _platform;
    private readonly ProtectedFrames _frames;
    private readonly ModuleRegistry _registry;
    private readonly ModulePermissions _permissions = new ModulePermissions();

    /// <summary>Creates the service.</summary>
    public UnloadModuleCall(ISecurePlatform platform, ProtectedFrames frames, ModuleRegistry registry)
    {
        _platform = platform;
        _frames = frames;
        _registry = registry;
    }

    /// <inheritdoc />
    public long Handle(in VtlCall call)
    {
        ModuleRecord? m = _registry.Find(unchecked((long)call.Arg1));
        if (m is null)
        {
            return HekiErrno.Negative(LinuxErrno.EINVAL);
        }

        LinuxErrno e = _permissions.Compute(_platform.Capabilities);
        if (e != 0)
        {
            return HekiErrno.Negative(e);
        }

        // Init frames already released by FREE_MODULE_INIT may belong to someone else now.
        int mask = m.InitFreed ? ModulePermissions.AllTypes & ~ModulePermissions.InitTypes : ModulePermissions.AllTypes;
        if (!ModulePermissions.Apply(_platform.Protection, m.Pfns, m.Types, m.Pfns.Length, mask, null, _permissions.ReadWrite))
        {
            return HekiErrno.Negative(LinuxErrno.EIO);
        }

        _frames.ReleaseOwned(m.Pfns, m.Owner);
        _registry.Remove(m);
        _registry.Observer?.OnUnloaded(m);
        return 0;
    }
}
