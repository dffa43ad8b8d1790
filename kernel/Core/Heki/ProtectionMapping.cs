using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki;

/// <summary>
/// PROTECT_MEMORY attributes to backend permissions, and the decision whether the backend can
/// enforce them. Mapping (lvbs-abi.md §2.1, LiteBox and Gen A identical): READ → R|UX,
/// WRITE → W, EXEC → KX|UX; IMMUTABLE changes no bit, it seals the pages (see
/// <see cref="PageSealTable"/>).
/// Enforceability is decided from the backend's capability row, never by substituting a
/// different permission:
/// 1. <see cref="Capability.PageProtection"/> must be Full, or the whole call is refused
///    (ENOTSUP): an Approximate protection cannot back a W^X claim.
/// 2. The permission goes through <see cref="PermissionRules.Check"/> with the backend's
///    <see cref="Capability.ExecuteSplit"/> level. Every mapping above that is readable but not
///    kernel-executable has UX without KX, which needs the user/kernel execute split (MBEC).
///    Without it (nested paging: one execute bit) UX is dropped: the result is strictly
///    narrower than requested, never wider, and unobservable for the ranges this call protects,
///    which are supervisor pages VTL0 user mode cannot execute through its own page tables. A
///    request can never be widened to KX.
/// </summary>
public static class ProtectionMapping
{
    /// <summary>
    /// Maps <paramref name="attributes"/> (already checked against the MemAttr vocabulary).
    /// Returns 0 or a positive errno: EINVAL for WRITE with EXEC (W^X) or WRITE/EXEC without
    /// READ, ENOTSUP when the backend cannot enforce the result.
    /// </summary>
    public static LinuxErrno TryMap(ulong attributes, BackendCapabilities capabilities, out VtlPermissions permissions)
    {
        permissions = VtlPermissions.None;
        bool read = (attributes & (ulong)MemAttr.Read) != 0;
        bool write = (attributes & (ulong)MemAttr.Write) != 0;
        bool exec = (attributes & (ulong)MemAttr.Exec) != 0;
        if (write && exec)
        {
            return LinuxErrno.EINVAL;
        }

        if ((write || exec) && !read)
        {
            return LinuxErrno.EINVAL;
        }

        VtlPermissions p = VtlPermissions.None;
        if (read)
        {
            p |= VtlPermissions.Read | VtlPermissions.UserExecute;
        }

        if (write)
        {
            p |= VtlPermissions.Write;
        }

        if (exec)
        {
            p |= VtlPermissions.KernelExecute | VtlPermissions.UserExecute;
        }

        if (capabilities.Require(Capability.PageProtection, CapabilityLevel.Full) != BindingStatus.Success)
        {
            return LinuxErrno.ENOTSUP;
        }

        if (capabilities.Get(Capability.ExecuteSplit).Level != CapabilityLevel.Full &&
            (p & VtlPermissions.KernelExecute) == 0)
        {
            p &= ~VtlPermissions.UserExecute;
        }

        switch (PermissionRules.Check(p, capabilities.Get(Capability.ExecuteSplit).Level))
        {
            case BindingStatus.Success:
                permissions = p;
                return 0;
            case BindingStatus.NotSupported:
                return LinuxErrno.ENOTSUP;
            default:
                return LinuxErrno.EINVAL;
        }
    }
}
