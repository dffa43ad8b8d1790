namespace Lvbs.Hypervisor.Abstractions;

/// <summary>
/// P3/P4 for backends where the higher VTL owns the loop (Hyper-V, SNP, TDX): return to the
/// lower VTL with a result and block until the next entry on this VP.
/// </summary>
public interface IVtlEntry
{
    /// <summary>Puts <paramref name="result"/> in lower R8 (for a pending call), resumes the lower VTL, and returns the next entry.</summary>
    BindingStatus ReturnToLower(uint vp, long result, out VtlEntry next);
}
