namespace Lvbs.Hypervisor.Abstractions;

/// <summary>One cell of a backend's capability row: the level and, unless Full, why.</summary>
public readonly struct CapabilityCell
{
    /// <summary>Creates a cell.</summary>
    public CapabilityCell(CapabilityLevel level, string reason)
    {
        Level = level;
        Reason = reason;
    }

    /// <summary>How well the capability is provided.</summary>
    public CapabilityLevel Level { get; }

    /// <summary>What is lost or missing; empty for Full.</summary>
    public string Reason { get; }

    /// <summary>A Full cell.</summary>
    public static CapabilityCell Full() => new CapabilityCell(CapabilityLevel.Full, "");

    /// <summary>An Approximate cell with its reason.</summary>
    public static CapabilityCell Approximate(string reason) => new CapabilityCell(CapabilityLevel.Approximate, reason);

    /// <summary>A None cell with its reason.</summary>
    public static CapabilityCell None(string reason) => new CapabilityCell(CapabilityLevel.None, reason);
}
