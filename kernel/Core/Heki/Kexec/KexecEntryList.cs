using System;
using System.Buffers.Binary;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Kernel.Heki.Modules;

namespace Lvbs.Kernel.Heki.Kexec;

/// <summary>
/// Walks a normal (non-crash) kimage's entry list the way relocate_kernel will consume it, from
/// pages VTL1 has already frozen. Linux (kernel/kexec_core.c: kimage_add_entry,
/// kimage_set_destination, kimage_add_page, kimage_terminate) keeps the segments' contents in
/// separate source pages: <c>kimage.head</c> is the first entry, each entry is a page address
/// with one flag, IND_DESTINATION (1) sets the next destination page, IND_SOURCE (8) copies one
/// source page there and advances the destination by a page, IND_INDIRECTION (2) continues in
/// another entry page (512 entries, the last slot reserved for the link) and IND_DONE (4) ends.
/// The walk maps every destination page of every segment to its source page and refuses
/// (EINVAL): an entry with no or several flags, an entry page past its 512 entries, an entry or
/// source page that is not one of the image's protected frames (so VTL0 cannot change it
/// afterwards), a source without a destination or outside every segment, a destination page
/// given twice, a source page used twice (relocate_kernel swaps a page's old content into its
/// source), a source page that an earlier entry has already overwritten as its destination, and
/// more entry pages than the image has frames (a cycle).
/// </summary>
public sealed class KexecEntryList
{
    /// <summary>IND_DESTINATION.</summary>
    public const ulong Destination = 0x1;
    /// <summary>IND_INDIRECTION.</summary>
    public const ulong Indirection = 0x2;
    /// <summary>IND_DONE.</summary>
    public const ulong Done = 0x4;
    /// <summary>IND_SOURCE.</summary>
    public const ulong Source = 0x8;
    /// <summary>Entries per entry page.</summary>
    public const int EntriesPerPage = 4096 / 8;

    private const ulong PageMask = ~0xFFFUL;
    private readonly IGuestMemory _memory;
    private readonly byte[] _page = new byte[4096];

    /// <summary>Creates a walker reading entry pages from <paramref name="memory"/>.</summary>
    public KexecEntryList(IGuestMemory memory)
    {
        _memory = memory;
    }

    /// <summary>
    /// Walks from <paramref name="head"/>. <paramref name="sources"/>[<paramref name="firstPage"/>[s] + k]
    /// receives the source PA (| 1, so PA 0 stays distinguishable from "none") of page k of segment s.
    /// Frames must be owned by <paramref name="owner"/>; consumed sources are marked
    /// <see cref="ProtectedFrames.KexecWalkMark"/> and restored before returning. 0, EINVAL or EFAULT.
    /// </summary>
    public int Walk(ulong head, ReadOnlySpan<KexecSegment> segments, ReadOnlySpan<int> firstPage, ulong[] sources,
        ProtectedFrames frames, ushort owner, int maxEntryPages)
    {
        Array.Clear(sources);
        int r = WalkCore(head, segments, firstPage, sources, frames, owner, maxEntryPages);
        for (int i = 0; i < sources.Length; i++)
        {
            ulong pfn = sources[i] >> 12;
            if (sources[i] != 0 && frames.OwnerOf(pfn) == ProtectedFrames.KexecWalkMark)
            {
                frames.Set(pfn, owner);
            }
        }

        if (r == 0)
        {
            for (int i = 0; i < sources.Length; i++)
            {
                if (sources[i] == 0)
                {
                    // A destination page with no source: relocate_kernel would leave whatever is there.
                    return (int)LinuxErrno.EINVAL;
                }
            }
        }

        return r;
    }

    private int WalkCore(ulong head, ReadOnlySpan<KexecSegment> segments, ReadOnlySpan<int> firstPage, ulong[] sources,
        ProtectedFrames frames, ushort owner, int maxEntryPages)
    {
        const int einval = (int)LinuxErrno.EINVAL;
        ulong entry = head;
        int index = -1; // -1: the entry is kimage.head itself, not a slot of an entry page
        int entryPages = 0;
        ulong destination = 0;
        bool haveDestination = false;
        while (true)
        {
            ulong flag = entry & ~PageMask;
            ulong pa = entry & PageMask;
            if (flag == Done)
            {
                return 0;
            }

            if (flag == Indirection)
            {
                if (++entryPages > maxEntryPages || frames.OwnerOf(pa >> 12) != owner)
                {
                    return einval;
                }

                // The page is frozen read-only for VTL0: this single read is what relocate_kernel will read.
                if (_memory.Read(pa, _page) != BindingStatus.Success)
                {
                    return (int)LinuxErrno.EFAULT;
                }

                index = 0;
                entry = BinaryPrimitives.ReadUInt64LittleEndian(_page);
                continue;
            }

            if (flag == Destination)
            {
                destination = pa;
                haveDestination = true;
            }
            else if (flag == Source)
            {
                if (!haveDestination)
                {
                    return einval;
                }

                int r = AddSource(destination, pa, segments, firstPage, sources, frames, owner);
                if (r != 0)
                {
                    return r;
                }

                destination += 4096;
            }
            else
            {
                return einval;
            }

            // kimage.head is a single word: anything but an indirection or DONE there is malformed.
            if (index < 0 || ++index >= EntriesPerPage)
            {
                return einval;
            }

            entry = BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(_page, index * 8, 8));
        }
    }

    private static int AddSource(ulong destination, ulong source, ReadOnlySpan<KexecSegment> segments, ReadOnlySpan<int> firstPage,
        ulong[] sources, ProtectedFrames frames, ushort owner)
    {
        const int einval = (int)LinuxErrno.EINVAL;
        int slot = PageIndex(destination, segments, firstPage);
        if (slot < 0 || sources[slot] != 0 || frames.OwnerOf(source >> 12) != owner)
        {
            // Outside every segment, given twice, or not a protected frame of this image (a frame
            // already marked was used as a source before).
            return einval;
        }

        int overwritten = PageIndex(source, segments, firstPage);
        if (source != destination && overwritten >= 0 && sources[overwritten] != 0)
        {
            // An earlier entry already copied into this page: it no longer holds what VTL1 reads now.
            return einval;
        }

        sources[slot] = source | 1;
        frames.Set(source >> 12, ProtectedFrames.KexecWalkMark);
        return 0;
    }

    private static int PageIndex(ulong pa, ReadOnlySpan<KexecSegment> segments, ReadOnlySpan<int> firstPage)
    {
        for (int s = 0; s < segments.Length; s++)
        {
            if (pa >= segments[s].Mem && pa - segments[s].Mem < segments[s].MemSize)
            {
                return firstPage[s] + (int)((pa - segments[s].Mem) >> 12);
            }
        }

        return -1;
    }
}
