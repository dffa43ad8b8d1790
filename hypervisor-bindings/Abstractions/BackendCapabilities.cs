namespace Lvbs.Hypervisor.Abstractions;

/// <summary>
/// A backend's capability row. The kernel asks <see cref="Require"/> before claiming a
/// protection, so a protection the backend cannot enforce is refused rather than faked.
/// </summary>
public sealed class BackendCapabilities
{
    /// <summary>Number of <see cref="Capability"/> values.</summary>
    public const int Count = 12;

    private readonly CapabilityCell[] _cells;

    /// <summary>Creates a row; <paramref name="cells"/> is indexed by <see cref="Capability"/> and must have <see cref="Count"/> entries.</summary>
    public BackendCapabilities(string name, CapabilityCell[] cells)
    {
        if (cells.Length != Count)
        {
            // A descriptor is static data written by us, never input: a wrong length is a bug.
            throw new System.ArgumentException("capability row must have one cell per capability", nameof(cells));
        }

        Name = name;
        _cells = cells;
    }

    /// <summary>Backend name as printed by <c>lvbs platforms</c> (hyperv, sev-snp, tdx, kvm-planes, simulated).</summary>
    public string Name { get; }

    /// <summary>The cell for <paramref name="capability"/>; None for values outside the enum.</summary>
    public CapabilityCell Get(Capability capability)
    {
        int i = (int)capability;
        if (i < 0 || i >= Count)
        {
            return CapabilityCell.None("unknown capability");
        }

        return _cells[i];
    }

    /// <summary>
    /// Success when the capability is at least <paramref name="minimum"/>, else NotSupported.
    /// </summary>
    public BindingStatus Require(Capability capability, CapabilityLevel minimum)
    {
        return Get(capability).Level >= minimum ? BindingStatus.Success : BindingStatus.NotSupported;
    }
}
