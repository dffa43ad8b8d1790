namespace Lvbs.Hypervisor.Abstractions;

/// <summary>One entry into the higher VTL: a call, an interrupt or an intercept.</summary>
public struct VtlEntry
{
    /// <summary>Why the higher VTL runs.</summary>
    public VtlEntryReason Reason;
    /// <summary>Valid when <see cref="Reason"/> is Call.</summary>
    public VtlCall Call;
    /// <summary>Valid when <see cref="Reason"/> is Intercept.</summary>
    public Intercept Intercept;
    /// <summary>Valid when <see cref="Reason"/> is Interrupt.</summary>
    public byte InterruptVector;
    /// <summary>VP entered.</summary>
    public uint Vp;
}
