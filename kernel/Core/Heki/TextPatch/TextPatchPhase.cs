namespace Lvbs.Kernel.Heki.TextPatch;

/// <summary>
/// Where a site is in Linux's INT3 protocol (<c>text_poke_bp_batch</c>, lvbs-abi.md §3): one
/// PATCH_TEXT call moves it one step.
/// </summary>
public enum TextPatchPhase : byte
{
    /// <summary>The site holds a complete legal encoding; only step 1 (INT3 at byte 0) is allowed.</summary>
    Stable = 0,
    /// <summary>Byte 0 is INT3; only step 2 (bytes 1..n-1 of a legal final encoding) is allowed.</summary>
    Int3 = 1,
    /// <summary>Bytes 1..n-1 are final; only step 3 (byte 0 completing that encoding) is allowed.</summary>
    Body = 2,
}
