namespace Lvbs.Hypervisor.Abstractions;

/// <summary>Result of every backend operation. Bad input from VTL0 is a status, never a throw.</summary>
public enum BindingStatus
{
    /// <summary>Done.</summary>
    Success = 0,
    /// <summary>An address or length is not aligned as the operation requires.</summary>
    Unaligned,
    /// <summary>An address range is outside lower-VTL RAM or wraps around.</summary>
    OutOfRange,
    /// <summary>The range overlaps memory that belongs to the higher VTL.</summary>
    HigherVtlMemory,
    /// <summary>The requested permission combination is refused (e.g. W with KernelExecute).</summary>
    InvalidPermissions,
    /// <summary>A parameter is malformed (unknown register, bad VP index, bad vector).</summary>
    InvalidParameter,
    /// <summary>The backend cannot do this at all (its capability is None).</summary>
    NotSupported,
    /// <summary>The hypervisor or hardware refused the operation.</summary>
    AccessDenied,
    /// <summary>The hypervisor or instruction reported a failure not covered above.</summary>
    HardwareFailure,
}
