using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki.Modules;

/// <summary>
/// FREE_MODULE_INIT (0x1FFE7; a1 = token; lvbs-abi.md §1.2): VTL0 is about to free the module's
/// init memory. The init regions (InitText, InitData, InitRoData) become RW without execute and
/// are released for VTL0's reuse; RoAfterInit becomes read-only (Linux's module_enable_ro after
/// init); PATCH_TEXT's observer drops the init-text patch sites. An unknown token, or a module
/// whose init memory was already freed, is EINVAL; a backend failure is EIO.
/// </summary>
public sealed class FreeModuleInitCall : IVsmCallHandler
{
    private readonly ISecurePlatform _platform;
    private readonly ProtectedFrames _frames;
    private readonly ModuleRegistry _registry;
    private readonly ModulePermissions _permissions = new ModulePermissions();

    /// <summary>Creates the service.</summary>
    public FreeModuleInitCall(ISecurePlatform platform, ProtectedFrames frames, ModuleRegistry registry)
    {
        _platform = platform;
        _frames = frames;
        _registry = registry;
    }

    /// <inheritdoc />
    public long Handle(in VtlCall call)
    {
        ModuleRecord? m = _registry.Find(unchecked((long)call.Arg1));
        if (m is null || m.InitFreed)
        {
            return HekiErrno.Negative(LinuxErrno.EINVAL);
        }

        LinuxErrno e = _permissions.Compute(_platform.Capabilities);
        if (e != 0)
        {
            return HekiErrno.Negative(e);
        }

        const int roAfterInit = 1 << (int)ModMemType.RoAfterInit;
        if (!ModulePermissions.Apply(_platform.Protection, m.Pfns, m.Types, m.Pfns.Length, roAfterInit, null, _permissions.ReadOnly)
            || !ModulePermissions.Apply(_platform.Protection, m.Pfns, m.Types, m.Pfns.Length, ModulePermissions.InitTypes, null, _permissions.ReadWrite))
        {
            return HekiErrno.Negative(LinuxErrno.EIO);
        }

        for (int i = 0; i < m.Pfns.Length; i++)
        {
            if (ModuleRecord.IsInit(m.Types[i]) && _frames.OwnerOf(m.Pfns[i]) == m.Owner)
            {
                _frames.Set(m.Pfns[i], ProtectedFrames.Free);
            }
        }

        m.InitFreed = true;
        _registry.Observer?.OnInitFreed(m);
        return 0;
    }
}
