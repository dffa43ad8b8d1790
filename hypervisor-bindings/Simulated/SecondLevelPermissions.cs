using System.Collections.Generic;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Hypervisor.Simulated;

/// <summary>
/// One VTL's second-level permission table (the simulated SLAT): a permission per guest page,
/// with a default for pages never set. Checked on every simulated access by that VTL.
/// </summary>
public sealed class SecondLevelPermissions
{
    private readonly Dictionary<ulong, VtlPermissions> _pages = new();

    /// <summary>Creates a table whose unset pages have <paramref name="defaultPermissions"/>.</summary>
    public SecondLevelPermissions(VtlPermissions defaultPermissions) => Default = defaultPermissions;

    /// <summary>Permission of pages never set.</summary>
    public VtlPermissions Default { get; }

    /// <summary>Permission of page <paramref name="pfn"/>.</summary>
    public VtlPermissions Get(ulong pfn) => _pages.TryGetValue(pfn, out VtlPermissions p) ? p : Default;

    /// <summary>Sets page <paramref name="pfn"/>.</summary>
    public void Set(ulong pfn, VtlPermissions permissions) => _pages[pfn] = permissions;

    /// <summary>True when <paramref name="access"/> is allowed by <paramref name="permissions"/>.</summary>
    public static bool Allows(VtlPermissions permissions, MemoryAccess access)
    {
        switch (access)
        {
            case MemoryAccess.Read: return (permissions & VtlPermissions.Read) != 0;
            case MemoryAccess.Write: return (permissions & VtlPermissions.Write) != 0;
            case MemoryAccess.UserExecute: return (permissions & VtlPermissions.UserExecute) != 0;
            case MemoryAccess.KernelExecute: return (permissions & VtlPermissions.KernelExecute) != 0;
            default: return false;
        }
    }
}
