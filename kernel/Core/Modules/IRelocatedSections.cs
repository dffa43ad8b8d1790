using System;

namespace Lvbs.Kernel.Modules;

/// <summary>
/// VTL1's own view of a module after it laid out and relocated the signed ELF: every allocated
/// section with the virtual address Linux gives it and its reference bytes (what the section
/// must contain before Linux's post-relocation rewrites). Site tables (<c>__jump_table</c>,
/// <c>.static_call_sites</c>, <c>.altinstructions</c>, <c>.retpoline_sites</c>...) are read
/// from here, never from VTL0 memory.
/// </summary>
public interface IRelocatedSections
{
    /// <summary>Finds an allocated section by name; false when the module has none.</summary>
    bool TryGetSection(ReadOnlySpan<byte> name, out ulong va, out ReadOnlySpan<byte> reference);

    /// <summary>True when [<paramref name="va"/>, +<paramref name="length"/>) lies inside one executable section.</summary>
    bool IsInText(ulong va, int length);
}
