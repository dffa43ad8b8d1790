namespace Lvbs.Hypervisor.Abstractions;

/// <summary>The per-VP run loop of the higher VTL: return, wait for an entry, dispatch, repeat.</summary>
public static class VtlLoop
{
    /// <summary>
    /// Runs until the backend reports a failure (the return value); never returns on a
    /// healthy VP. <paramref name="firstResult"/> is the R8 of the call that started VTL1.
    /// </summary>
    public static BindingStatus Run(IVtlEntry backend, IVtlEntryHandler handler, uint vp, long firstResult)
    {
        long result = firstResult;
        while (true)
        {
            BindingStatus s = backend.ReturnToLower(vp, result, out VtlEntry entry);
            if (s != BindingStatus.Success)
            {
                return s;
            }

            result = handler.OnEntry(in entry);
        }
    }
}
