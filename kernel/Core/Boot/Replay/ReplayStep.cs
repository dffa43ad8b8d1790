namespace Lvbs.Kernel.Boot.Replay;

/// <summary>What one replay step does.</summary>
public enum ReplayStepKind : uint
{
    /// <summary>A VTL call (VMMCALL with RDI/RSI/RDX/R8); the expectation is the R8 result.</summary>
    Call = 1,

    /// <summary>A VTL0 memory access; the expectation is whether it completes or is refused.</summary>
    Probe = 2,
}

/// <summary>The memory access a probe performs.</summary>
public enum ReplayAccess : uint
{
    /// <summary>Calls carry no access.</summary>
    None = 0,

    /// <summary>A one-byte kernel-mode read.</summary>
    Read = 1,

    /// <summary>A one-byte kernel-mode write of the recorded value.</summary>
    Write = 2,

    /// <summary>A kernel-mode instruction fetch from the start of the page.</summary>
    Execute = 3,
}

/// <summary>Expected outcome of a probe.</summary>
public enum ReplayProbeOutcome : long
{
    /// <summary>The access completes.</summary>
    Completes = 0,

    /// <summary>The secure kernel refuses the access (nested page fault, #GP injected).</summary>
    Refused = 1,
}

/// <summary>One decoded step record (<see cref="ReplayScript"/>, steps table).</summary>
public struct ReplayStep
{
    /// <summary>Call or probe.</summary>
    public ReplayStepKind Kind;

    /// <summary>For a probe: the access; <see cref="ReplayAccess.None"/> for a call.</summary>
    public ReplayAccess Access;

    /// <summary>Call: RDI (function id). Probe: the guest-physical address.</summary>
    public ulong A0;

    /// <summary>Call: RSI. Probe write: the byte written.</summary>
    public ulong A1;

    /// <summary>Call: RDX.</summary>
    public ulong A2;

    /// <summary>Call: R8.</summary>
    public ulong A3;

    /// <summary>Call: the R8 result the hosted kernel gave. Probe: a <see cref="ReplayProbeOutcome"/>.</summary>
    public long Expected;
}
