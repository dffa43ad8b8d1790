namespace Lvbs.Hypervisor.Abstractions;

/// <summary>
/// Checks every backend applies before touching hardware, so no backend silently widens or
/// accepts a protection it cannot enforce. Rules: only the low nibble; any of W/KX/UX requires
/// R (OpenHCL validate_vtl_gpa_flags); W with KX is refused (the secure kernel's W^X
/// invariant); KX requires UX (LVBS convention, OpenHCL: KX-without-UX is never valid); KX ≠ UX
/// needs a user/kernel execute split (MBEC) at level Full.
/// </summary>
public static class PermissionRules
{
    /// <summary>Validates <paramref name="permissions"/> for a backend with <paramref name="executeSplit"/>.</summary>
    public static BindingStatus Check(VtlPermissions permissions, CapabilityLevel executeSplit)
    {
        byte raw = (byte)permissions;
        if ((raw & ~0xF) != 0)
        {
            return BindingStatus.InvalidPermissions;
        }

        bool r = (raw & (byte)VtlPermissions.Read) != 0;
        bool w = (raw & (byte)VtlPermissions.Write) != 0;
        bool kx = (raw & (byte)VtlPermissions.KernelExecute) != 0;
        bool ux = (raw & (byte)VtlPermissions.UserExecute) != 0;
        if (raw != 0 && !r)
        {
            return BindingStatus.InvalidPermissions;
        }

        if (w && kx)
        {
            return BindingStatus.InvalidPermissions;
        }

        if (kx && !ux)
        {
            return BindingStatus.InvalidPermissions;
        }

        if (kx != ux && executeSplit != CapabilityLevel.Full)
        {
            return BindingStatus.NotSupported;
        }

        return BindingStatus.Success;
    }
}
