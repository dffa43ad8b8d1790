using Lvbs.Kernel.Boot.Replay;

namespace Lvbs.ImageHarness.Replay;

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
