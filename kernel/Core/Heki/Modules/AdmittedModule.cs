using Lvbs.Kernel.Modules;

namespace Lvbs.Kernel.Heki.Modules;

/// <summary>What <see cref="IModuleAdmission"/> learned about an accepted module.</summary>
public sealed class AdmittedModule
{
    /// <summary>Creates the result.</summary>
    public AdmittedModule(IModuleSymbolResolver exports, IRelocatedSections? sections)
    {
        Exports = exports;
        Sections = sections;
    }

    /// <summary>The module's own exports (<c>__ksymtab</c>/<c>__ksymtab_gpl</c>), resolved by later modules.</summary>
    public IModuleSymbolResolver Exports { get; }

    /// <summary>VTL1's relocated view of the module (site tables for PATCH_TEXT); null when the admission has none.</summary>
    public IRelocatedSections? Sections { get; }
}
