namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>HV_MAP_GPA_* permission flags (Linux include/hyperv/hvhdk_mini.h; OVMM-hvdef HvMapGpaFlags).</summary>
public static class HvMapGpaFlags
{
    /// <summary>HV_MAP_GPA_READABLE.</summary>
    public const uint Readable = 0x1;
    /// <summary>HV_MAP_GPA_WRITABLE.</summary>
    public const uint Writable = 0x2;
    /// <summary>HV_MAP_GPA_KERNEL_EXECUTABLE.</summary>
    public const uint KernelExecutable = 0x4;
    /// <summary>HV_MAP_GPA_USER_EXECUTABLE.</summary>
    public const uint UserExecutable = 0x8;
    /// <summary>HV_MAP_GPA_EXECUTABLE (KX | UX).</summary>
    public const uint Executable = 0xC;
    /// <summary>HV_MAP_GPA_PERMISSIONS_MASK.</summary>
    public const uint PermissionsMask = 0xF;
    /// <summary>HV_MAP_GPA_ADJUSTABLE (not allowed for VTL protections).</summary>
    public const uint Adjustable = 0x8000;
}
