using System;

namespace Lvbs.Hypervisor.Abstractions;

/// <summary>
/// Page-granular copies over <see cref="IGuestMemory"/>, for structures VTL0 must hand over
/// page-aligned (heki pages, boot-signal and CPU-mask pages, the OP-TEE args page): an
/// unaligned address is refused before any byte is read.
/// </summary>
public static class GuestPages
{
    /// <summary>Copies the 4 KiB page at <paramref name="gpa"/> into <paramref name="page"/> (exactly 4096 bytes).</summary>
    public static BindingStatus ReadPage(IGuestMemory memory, ulong gpa, Span<byte> page)
    {
        if ((ulong)page.Length != GuestRange.PageSize)
        {
            return BindingStatus.InvalidParameter;
        }

        if ((gpa & (GuestRange.PageSize - 1)) != 0)
        {
            return BindingStatus.Unaligned;
        }

        return memory.Read(gpa, page);
    }

    /// <summary>Copies <paramref name="page"/> (exactly 4096 bytes) to the 4 KiB page at <paramref name="gpa"/>.</summary>
    public static BindingStatus WritePage(IGuestMemory memory, ulong gpa, ReadOnlySpan<byte> page)
    {
        if ((ulong)page.Length != GuestRange.PageSize)
        {
            return BindingStatus.InvalidParameter;
        }

        if ((gpa & (GuestRange.PageSize - 1)) != 0)
        {
            return BindingStatus.Unaligned;
        }

        return memory.Write(gpa, page);
    }
}
