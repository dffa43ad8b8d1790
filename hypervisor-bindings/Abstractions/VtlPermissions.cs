namespace Lvbs.Hypervisor.Abstractions;

/// <summary>
/// What the lower VTL may do to a guest-physical page: one 4-bit type whose bit order equals
/// Hyper-V's HV_MAP_GPA low nibble (R 0x1, W 0x2, KX 0x4, UX 0x8; LNX-hv hvhdk_mini.h), which is
/// also RMPADJUST bits 8–11 and TDX per-VM attribute bits 0–3 in the same order
/// (hypervisor-backends.md §2).
/// </summary>
[System.Flags]
public enum VtlPermissions : byte
{
    /// <summary>No access.</summary>
    None = 0,
    /// <summary>Readable.</summary>
    Read = 0x1,
    /// <summary>Writable.</summary>
    Write = 0x2,
    /// <summary>Executable in supervisor mode.</summary>
    KernelExecute = 0x4,
    /// <summary>Executable in user mode.</summary>
    UserExecute = 0x8,
    /// <summary>Everything.</summary>
    All = 0xF,
}
