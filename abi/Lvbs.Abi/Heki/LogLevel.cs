namespace Lvbs.Abi.Heki;

/// <summary>Level of a <see cref="LogRingRecord"/> (Linux printk levels, lower = more severe).</summary>
public enum LogLevel : byte
{
    /// <summary>KERN_ERR: a refused VTL0 request that indicates an attack or corruption.</summary>
    Error = 3,
    /// <summary>KERN_WARNING: a refused request.</summary>
    Warning = 4,
    /// <summary>KERN_NOTICE: an accepted security-relevant change (module admitted, key added).</summary>
    Notice = 5,
    /// <summary>KERN_INFO.</summary>
    Info = 6,
}
