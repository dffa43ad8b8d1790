namespace Lvbs.Kernel.Boot.Replay;

/// <summary>Why a VTL0 replay script was refused (<see cref="ReplayScript.TryParse"/>).</summary>
public enum ReplayScriptStatus
{
    /// <summary>The script is well formed.</summary>
    Ok = 0,

    /// <summary>Shorter than its header, or than the records its header announces.</summary>
    Truncated,

    /// <summary>The first 8 bytes are not "LVBSRPL1".</summary>
    BadMagic,

    /// <summary>A version or header size this parser does not know.</summary>
    UnsupportedVersion,

    /// <summary>Non-zero reserved header fields.</summary>
    BadHeader,

    /// <summary>More steps than the caller can run, or more pages than guest RAM holds.</summary>
    CountTooLarge,

    /// <summary>Bytes left over after the last record.</summary>
    TrailingBytes,

    /// <summary>RAM end or the VTL1 range is unaligned, empty, out of order or overlaps the replay guest.</summary>
    BadMemoryLayout,

    /// <summary>A step of unknown kind or access, a bookkeeping call id, or a probe outside lower-VTL RAM.</summary>
    BadStep,

    /// <summary>A page record that is unaligned, outside lower-VTL RAM, inside VTL1 or the replay guest, or due after the last step.</summary>
    BadPage,

    /// <summary>Page records not ordered by the step they precede.</summary>
    PagesOutOfOrder,
}
