using System;

namespace Lvbs.Kernel.Modules.Content;

/// <summary>
/// The finite set of post-relocation rewrites Linux's <c>module_finalize</c> and module
/// notifiers can make (alternatives, retpolines, return thunks, ftrace, paravirt, jump labels,
/// static calls). Content validation requires loaded == reference byte for byte outside the
/// windows this returns, and asks <see cref="Accept"/> inside each window. Never an
/// unconstrained mask: a window without a rule that accepts the loaded bytes fails validation.
/// </summary>
public interface IRewriteSiteRules
{
    /// <summary>
    /// Reads the module's site tables from <paramref name="sections"/> and builds the windows.
    /// Returns 0 or a positive <see cref="Lvbs.Abi.Heki.LinuxErrno"/> (ENOEXEC for a malformed
    /// table, a site outside text, or overlapping sites that cannot be merged).
    /// </summary>
    int Prepare(IRelocatedSections sections, IModuleSymbolResolver symbols);

    /// <summary>Windows found by <see cref="Prepare"/>.</summary>
    int WindowCount { get; }

    /// <summary>Window <paramref name="index"/>; windows are sorted by address and never overlap.</summary>
    RewriteWindow GetWindow(int index);

    /// <summary>True when <paramref name="loaded"/> is a legal encoding for window <paramref name="index"/> whose reference bytes are <paramref name="reference"/>.</summary>
    bool Accept(int index, ReadOnlySpan<byte> reference, ReadOnlySpan<byte> loaded);
}
