using System;

namespace Lvbs.Kernel.Heki.CoreKernel;

/// <summary>
/// A core-kernel object Linux fills during boot and never changes afterwards but keeps in
/// writable memory, copied once at the end of boot, while VTL0 is still trusted (the LVBS trust
/// model: everything VTL0 did before SIGNAL_END_OF_BOOT is the measured boot's). Debian 6.1 keeps
/// <c>pv_ops</c> in <c>.data</c> (not ro_after_init), so the sealed view alone cannot give the
/// slot values a natively finalized module's paravirt calls were patched with; this copy can,
/// and a later VTL0 write to <c>pv_ops</c> changes nothing VTL1 accepts.
/// </summary>
public sealed class EndOfBootSnapshot
{
    /// <summary>
    /// Bytes kept: 256 eight-byte slots, every index the u8 <c>type</c> of a
    /// <c>paravirt_patch_site</c> can name (arch/x86/include/asm/paravirt_types.h).
    /// </summary>
    public const int Capacity = 256 * 8;

    private readonly byte[] _bytes = new byte[Capacity];

    /// <summary>VA of the copied object (0 = nothing copied).</summary>
    public ulong Va { get; private set; }

    /// <summary>Bytes copied (less than <see cref="Capacity"/> when the mapping ends earlier).</summary>
    public int Length { get; private set; }

    /// <summary>
    /// Copies up to <see cref="Capacity"/> bytes at <paramref name="va"/> through the PROTECT_MEMORY
    /// translation (<see cref="SealedPages.ReadMapped"/>), stopping at the first byte it does not
    /// translate or cannot read. Once only.
    /// </summary>
    public void Capture(SealedPages pages, ulong va)
    {
        if (Va != 0 || va == 0)
        {
            return;
        }

        int done = pages.ReadMapped(va, _bytes);
        if (done > 0)
        {
            Va = va;
            Length = done;
        }
    }

    /// <summary>Copies [<paramref name="va"/>, +length) from the snapshot; false unless wholly inside it.</summary>
    public bool TryRead(ulong va, Span<byte> destination)
    {
        if (Length == 0 || va < Va || va - Va > (ulong)Length || (ulong)destination.Length > (ulong)Length - (va - Va))
        {
            return false;
        }

        _bytes.AsSpan((int)(va - Va), destination.Length).CopyTo(destination);
        return true;
    }
}
