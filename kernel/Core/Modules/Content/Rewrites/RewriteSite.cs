namespace Lvbs.Kernel.Modules.Content.Rewrites;

/// <summary>
/// One site read from a module's site table (VTL1's relocated reference): where it is, how many
/// bytes its rule may look at, and the per-kind facts the rule needs (all taken from VTL1-held
/// data at Prepare time, never from VTL0 memory).
/// </summary>
internal struct RewriteSite
{
    /// <summary>Kind (also the order Linux applies it in).</summary>
    public RewriteSiteKind Kind;

    /// <summary>Index of the entry in its table (Linux applies one table in order).</summary>
    public int TableIndex;

    /// <summary>First byte of the site.</summary>
    public ulong Va;

    /// <summary>Bytes covered by the site's window.</summary>
    public int Length;

    /// <summary>
    /// Kind data. Jump label: branch target. Alternative: offset of the replacement bytes in the
    /// rules' replacement pool. Static call: the function a module-local key holds.
    /// Paravirt: the pv_ops function, when known.
    /// </summary>
    public ulong Value;

    /// <summary>
    /// Kind data. Alternative: replacement VA. Paravirt: the pv op index. Static call: key VA.
    /// </summary>
    public ulong Value2;

    /// <summary>Kind data. Alternative: replacement length. Static call: the site's flags.</summary>
    public int Small;

    /// <summary>True when <see cref="Value"/> holds a known value (module-local static call key, known pv_ops target).</summary>
    public bool Known;
}
