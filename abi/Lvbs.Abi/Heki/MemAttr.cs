using System;
namespace Lvbs.Abi.Heki;

/// <summary>
/// PROTECT_MEMORY attribute bits (heki-linux/lvbs-linux include/linux/heki.h,
/// litebox_platform_lvbs/src/mshv/heki.rs; lvbs-abi.md §1.3). Open set: validate with
/// <see cref="HekiAttributes.IsValidMemAttr"/>.
/// </summary>
[Flags]
public enum MemAttr : ulong
{
    /// <summary>No access.</summary>
    None = 0,
    /// <summary>Readable.</summary>
    Read = 1,
    /// <summary>Writable.</summary>
    Write = 2,
    /// <summary>Executable.</summary>
    Exec = 4,
    /// <summary>The protection may not be relaxed later.</summary>
    Immutable = 8,
}
