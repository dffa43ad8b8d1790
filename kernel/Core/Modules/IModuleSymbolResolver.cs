using System;

namespace Lvbs.Kernel.Modules;

/// <summary>
/// Resolves the symbols a module imports, the way Linux's <c>resolve_symbol</c> does: the core
/// kernel's exports (<c>__ksymtab</c>/<c>__ksymtab_gpl</c>, sent by LOAD_KDATA) first, then the
/// exports of modules VTL1 validated earlier. Every address comes from data VTL1 holds, never
/// from the module's own relocation slots in VTL0 memory.
/// </summary>
public interface IModuleSymbolResolver
{
    /// <summary>Looks up <paramref name="name"/> (ASCII, no NUL); false when nothing exports it.</summary>
    bool TryResolve(ReadOnlySpan<byte> name, out ulong address);
}
