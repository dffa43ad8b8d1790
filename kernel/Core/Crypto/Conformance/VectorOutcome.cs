namespace Lvbs.Kernel.Crypto.Conformance;

/// <summary>What our implementation did with one conformance vector.</summary>
public enum VectorOutcome
{
    /// <summary>The input was accepted and every output matched the vector.</summary>
    Accepted,

    /// <summary>The input was rejected (bad tag, bad padding, bad size...).</summary>
    Rejected,

    /// <summary>The input was accepted but an output differed from the vector: always a failure.</summary>
    Mismatch,
}
