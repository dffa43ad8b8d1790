using System;

namespace Lvbs.Kernel.Modules;

/// <summary>
/// What Linux's <c>find_symbol</c> reports about a symbol it found, beyond its address, that
/// <c>resolve_symbol</c> acts on: <c>fsa.license</c> and whether <c>fsa.owner</c> is a module
/// tainted TAINT_PROPRIETARY_MODULE (<c>inherit_taint</c>).
/// </summary>
[Flags]
public enum ResolvedSymbolFlags : byte
{
    /// <summary>A plain (<c>__ksymtab</c>) export of the core kernel or of a GPL-compatible module.</summary>
    None = 0,

    /// <summary>The export is in a <c>__ksymtab_gpl</c> table (<c>fsa.license == GPL_ONLY</c>).</summary>
    GplOnly = 1,

    /// <summary>
    /// The owner is a module tainted proprietary (its license is not GPL-compatible, or it
    /// inherited the taint). Never set for the core kernel (<c>fsa.owner</c> is NULL there).
    /// </summary>
    ProprietaryOwner = 2,
}
