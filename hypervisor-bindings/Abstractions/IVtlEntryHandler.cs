namespace Lvbs.Hypervisor.Abstractions;

/// <summary>
/// The secure kernel's side of an entry (the VSM dispatcher implements this). The returned
/// value is placed in the lower VTL's R8 for <see cref="VtlEntryReason.Call"/> and ignored
/// otherwise.
/// </summary>
public interface IVtlEntryHandler
{
    /// <summary>Handles one entry and returns the R8 result for a call.</summary>
    long OnEntry(in VtlEntry entry);
}
