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

    /// <inheritdoc />
    public bool TryResolve(ReadOnlySpan<byte> name, bool gplOk, out ulong address) => _module.TryResolveExport(name, gplOk, out address);
}
