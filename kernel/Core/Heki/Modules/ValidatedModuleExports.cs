using System;
using Lvbs.Kernel.Modules;
using Lvbs.Kernel.Modules.Content;

namespace Lvbs.Kernel.Heki.Modules;

/// <summary>A validated module's own exports as a symbol resolver for the modules loaded after it.</summary>
public sealed class ValidatedModuleExports : IModuleSymbolResolver
{
    private readonly ValidatedModule _module;

    /// <summary>Wraps <paramref name="module"/>.</summary>
    public ValidatedModuleExports(ValidatedModule module) => _module = module;

    /// <summary>Looks up an export, GPL-only ones only when <paramref name="gplOk"/>.</summary>
    public bool TryResolve(ReadOnlySpan<byte> name, bool gplOk, out ulong address) => _module.TryResolveExport(name, gplOk, out address);

    /// <inheritdoc />
    public bool TryResolve(ReadOnlySpan<byte> name, bool gplOk, out ulong address, out ResolvedSymbolFlags flags)
    {
        flags = ResolvedSymbolFlags.None;
        if (!_module.TryResolveExport(name, gplOk, out address, out bool gplOnly))
        {
            return false;
        }

        if (gplOnly)
        {
            flags |= ResolvedSymbolFlags.GplOnly;
        }

        if (_module.IsProprietary)
        {
            flags |= ResolvedSymbolFlags.ProprietaryOwner;
        }

        return true;
    }
}
