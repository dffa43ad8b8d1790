using System;

namespace Lvbs.Kernel.Modules;

/// <summary>
/// Resolves the symbols a module imports, the way Linux's <c>resolve_symbol</c> does: the core
/// kernel's exports (<c>__ksymtab</c>/<c>__ksymtab_gpl</c>, sent by LOAD_KDATA) first, then the
/// exports of modules VTL1 validated earlier. Every address comes from data VTL1 holds, never
/// from the module's own relocation slots in VTL0 memory. GPL-only exports
/// (<c>__ksymtab_gpl</c>) are visible only when the caller passes <c>gplOk</c>, Linux's
/// <c>find_symbol_arg.gplok</c> (false for a module tainted proprietary). A found symbol also
/// reports whether it is GPL-only and whether its owner is a proprietary module, which
/// <see cref="Relocation.ModuleSymbolValues"/> needs for Linux's <c>inherit_taint</c>.
/// </summary>
public interface IModuleSymbolResolver
{
    /// <summary>
    /// Looks up <paramref name="name"/> (ASCII, no NUL); false when nothing exports it, or when
    /// only a GPL-only export has it and <paramref name="gplOk"/> is false. When found,
    /// <paramref name="flags"/> tells what <c>find_symbol</c> reports about it; otherwise it is
    /// <see cref="ResolvedSymbolFlags.None"/>.
    /// </summary>
    bool TryResolve(ReadOnlySpan<byte> name, bool gplOk, out ulong address, out ResolvedSymbolFlags flags);
}
