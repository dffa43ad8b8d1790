namespace Lvbs.Kernel.Heki;

/// <summary>
/// One row of the dispatcher's ordered table: the function id (lvbs-abi.md §1.2), its name for
/// tracing, whether it is refused after SIGNAL_END_OF_BOOT, and its handler.
/// </summary>
public readonly struct VsmCallEntry
{
    /// <summary>Creates a row.</summary>
    public VsmCallEntry(ulong id, string name, bool bootOnly, bool implemented, IVsmCallHandler handler)
    {
        Id = id;
        Name = name;
        BootOnly = bootOnly;
        Implemented = implemented;
        Handler = handler;
    }

    /// <summary>The RDI function id.</summary>
    public ulong Id { get; }

    /// <summary>The ABI's name (ENABLE_APS_VTL, LOCK_REGS...).</summary>
    public string Name { get; }

    /// <summary>True when the call answers -EPERM after end of boot.</summary>
    public bool BootOnly { get; }

    /// <summary>False while the handler is <see cref="UnsupportedCall"/>.</summary>
    public bool Implemented { get; }

    /// <summary>The service.</summary>
    public IVsmCallHandler Handler { get; }
}
