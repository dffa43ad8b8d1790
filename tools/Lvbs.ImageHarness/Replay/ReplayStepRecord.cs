namespace Lvbs.ImageHarness.Replay;

/// <summary>What a recorded step does (replay script §2 "kind").</summary>
public enum ReplayStepKind : uint
{
    /// <summary>A VTL call; <see cref="ReplayStepRecord.Expected"/> is the R8 result.</summary>
    Call = 1,

    /// <summary>A VTL0 memory access; <see cref="ReplayStepRecord.Expected"/> is 0 (completes) or 1 (refused).</summary>
    Probe = 2,
}

/// <summary>The access a probe makes (replay script §2 "access").</summary>
public enum ReplayAccess : uint
{
    /// <summary>Calls.</summary>
    None = 0,

    /// <summary>One-byte kernel-mode read.</summary>
    Read = 1,

    /// <summary>One-byte kernel-mode write.</summary>
    Write = 2,

    /// <summary>Kernel-mode instruction fetch at the start of the page.</summary>
    Execute = 3,
}

/// <summary>One step of a replay script (kernel/Core/Boot/Replay/ReplayScript.cs §2).</summary>
/// <param name="Kind">Call or probe.</param>
/// <param name="Access">The probe's access; <see cref="ReplayAccess.None"/> for calls.</param>
/// <param name="A0">Call: RDI. Probe: the GPA.</param>
/// <param name="A1">Call: RSI. Probe write: the byte.</param>
/// <param name="A2">Call: RDX.</param>
/// <param name="A3">Call: R8.</param>
/// <param name="Expected">Call: the R8 result. Probe: 0 completes, 1 refused.</param>
public readonly record struct ReplayStepRecord(ReplayStepKind Kind, ReplayAccess Access, ulong A0, ulong A1, ulong A2, ulong A3, long Expected)
{
    /// <summary>Probe expectation: the access completes.</summary>
    public const long Completes = 0;

    /// <summary>Probe expectation: the secure kernel refuses the access.</summary>
    public const long Refused = 1;
}

/// <summary>One page record: <paramref name="Data"/> is at <paramref name="Gpa"/> when step <paramref name="BeforeStep"/> starts (§3).</summary>
/// <param name="BeforeStep">The step this content precedes.</param>
/// <param name="Gpa">Page-aligned guest-physical address.</param>
/// <param name="Data">Exactly 4096 bytes.</param>
public sealed record ReplayPageRecord(int BeforeStep, ulong Gpa, byte[] Data);
