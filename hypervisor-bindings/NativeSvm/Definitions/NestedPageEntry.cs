namespace Lvbs.Hypervisor.NativeSvm.Definitions;

/// <summary>
/// Bits of a nested page-table entry: the ordinary x86-64 long-mode format (AMD64 APM Vol. 2
/// §5.3). Nested walks are user accesses, so every level needs U=1 (§15.25.5), and NX is only
/// honoured when the host's EFER.NXE is set at VMRUN.
/// </summary>
public static class NestedPageEntry
{
    public const ulong Present = 1UL << 0;
    public const ulong Writable = 1UL << 1;
    public const ulong User = 1UL << 2;
    public const ulong LargePage = 1UL << 7;
    /// <summary>Software bit (9, ignored by the CPU): the slot maps a page, even while not present.</summary>
    public const ulong Mapped = 1UL << 9;
    public const ulong NoExecute = 1UL << 63;
    public const ulong AddressMask = 0x000F_FFFF_FFFF_F000UL;

    /// <summary>Flags of a non-leaf entry: everything allowed, the leaf decides.</summary>
    public const ulong Table = Present | Writable | User;
}
