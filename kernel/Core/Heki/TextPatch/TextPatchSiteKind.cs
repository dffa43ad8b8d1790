namespace Lvbs.Kernel.Heki.TextPatch;

/// <summary>What a patchable text site is (module-signatures.md §5.1).</summary>
public enum TextPatchSiteKind : byte
{
    /// <summary>A <c>struct jump_entry</c> code address: 2 or 5 bytes, NOP or JMP to the entry's target.</summary>
    JumpLabel = 1,
    /// <summary>A <c>struct static_call_site</c> address: 5 bytes, CALL/JMP rel32 or a NULL/return0 form.</summary>
    StaticCall = 2,
}
