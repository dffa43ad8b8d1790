namespace Lvbs.Crypto.Conformance;

/// <summary>What the kernel's code did with one Wycheproof vector.</summary>
public enum VectorVerdictKind
{
    /// <summary>The input was accepted and every output matched the vector.</summary>
    Accepted,

    /// <summary>The input was rejected.</summary>
    Rejected,

    /// <summary>The input was accepted but an output differed from the vector.</summary>
    Mismatch,

    /// <summary>Not run: the vector needs something the library does not implement.</summary>
    Skipped,
}

/// <summary>A verdict, with the reason when the vector was skipped.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="SkipReason">Why the vector was not run (only for <see cref="VectorVerdictKind.Skipped"/>).</param>
public readonly record struct VectorVerdict(VectorVerdictKind Kind, string? SkipReason = null)
{
    /// <summary>Accepted with matching outputs.</summary>
    public static VectorVerdict Accepted => new(VectorVerdictKind.Accepted);

    /// <summary>Rejected.</summary>
    public static VectorVerdict Rejected => new(VectorVerdictKind.Rejected);

    /// <summary>Accepted, wrong output.</summary>
    public static VectorVerdict Mismatch => new(VectorVerdictKind.Mismatch);

    /// <summary>Accepted if <paramref name="ok"/>, else rejected.</summary>
    public static VectorVerdict AcceptedIf(bool ok) => ok ? Accepted : Rejected;

    /// <summary>Not run, for the given reason.</summary>
    public static VectorVerdict Skip(string reason) => new(VectorVerdictKind.Skipped, reason);
}
