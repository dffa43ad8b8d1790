namespace Lvbs.Kernel.Heki.TextPatch;

/// <summary>
/// One patchable site VTL1 found in a site table it trusts (a signed module's relocated
/// <c>__jump_table</c>/<c>.static_call_sites</c>, or the core kernel's tables found in .rodata),
/// with its INT3-protocol state.
/// </summary>
public struct TextPatchSite
{
    /// <summary>Owner of core-kernel sites (module tokens are ≥ 0).</summary>
    public const long CoreOwner = -1;

    /// <summary>VTL0 kernel VA of the first byte.</summary>
    public ulong Va;

    /// <summary>
    /// Jump label: the entry's target. Static call: the function the site called when VTL1
    /// first trusted it (a module's relocated reference, i.e. its <c>__SCT__</c> trampoline; for
    /// the core kernel, the sealed boot-time bytes), or 0 when unknown.
    /// </summary>
    public ulong Target;

    /// <summary>Module token, or <see cref="CoreOwner"/>.</summary>
    public long Owner;

    /// <summary>Instruction length: 2 or 5; 0 while unknown (core jump labels, decided from the sealed bytes at step 1).</summary>
    public byte Length;

    /// <summary>Jump label or static call.</summary>
    public TextPatchSiteKind Kind;

    /// <summary>Static call with the TAIL flag (a JMP, not a CALL).</summary>
    public bool Tail;

    /// <summary>The site lies in the owner's init text (dropped on FREE_MODULE_INIT).</summary>
    public bool Init;

    /// <summary>INT3 protocol state.</summary>
    public TextPatchPhase Phase;

    /// <summary>Length of <see cref="PendingBody"/> (bytes 1..n-1 written by step 2).</summary>
    public byte PendingLength;

    /// <summary>Bytes 1..n-1 written by step 2, little-endian packed (byte 1 in bits 0-7).</summary>
    public uint PendingBody;
}
