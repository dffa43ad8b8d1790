namespace Lvbs.Hypervisor.Abstractions;

/// <summary>
/// P1: restrict what the lower VTL may do to guest-physical pages. Implementations validate the
/// permission with <see cref="PermissionRules.Check"/> and the range with
/// <see cref="GuestRange.CheckPages"/> before issuing anything, so a refused request changes
/// no page.
/// </summary>
public interface IVtlPageProtection
{
    /// <summary>Sets <paramref name="permissions"/> on <paramref name="pageCount"/> pages from <paramref name="firstPfn"/>.</summary>
    BindingStatus SetLowerVtlPermissions(ulong firstPfn, ulong pageCount, VtlPermissions permissions);
}
