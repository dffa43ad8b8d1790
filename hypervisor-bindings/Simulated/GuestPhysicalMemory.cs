using System;
using System.Collections.Generic;

namespace Lvbs.Hypervisor.Simulated;

/// <summary>
/// Sparse guest physical memory: 4 KiB pages allocated on first write; unwritten pages read
/// as zero. No permission checks here — callers (VTL0 accesses, VTL1 copies) check first.
/// </summary>
public sealed class GuestPhysicalMemory
{
    private const int PageSize = 4096;
    private readonly Dictionary<ulong, byte[]> _pages = new();

    /// <summary>Creates memory of <paramref name="size"/> bytes.</summary>
    public GuestPhysicalMemory(ulong size) => Size = size;

    /// <summary>Size in bytes.</summary>
    public ulong Size { get; }

    /// <summary>Number of pages backed so far.</summary>
    public int BackedPages => _pages.Count;

    /// <summary>Raw copy out; the range must already be checked.</summary>
    public void Read(ulong gpa, Span<byte> destination)
    {
        int done = 0;
        while (done < destination.Length)
        {
            ulong addr = gpa + (ulong)done;
            int offset = (int)(addr & (PageSize - 1));
            int chunk = Math.Min(PageSize - offset, destination.Length - done);
            if (_pages.TryGetValue(addr >> 12, out byte[]? page))
            {
                page.AsSpan(offset, chunk).CopyTo(destination.Slice(done, chunk));
            }
            else
            {
                destination.Slice(done, chunk).Clear();
            }

            done += chunk;
        }
    }

    /// <summary>Raw copy in; the range must already be checked.</summary>
    public void Write(ulong gpa, ReadOnlySpan<byte> source)
    {
        int done = 0;
        while (done < source.Length)
        {
            ulong addr = gpa + (ulong)done;
            int offset = (int)(addr & (PageSize - 1));
            int chunk = Math.Min(PageSize - offset, source.Length - done);
            if (!_pages.TryGetValue(addr >> 12, out byte[]? page))
            {
                page = new byte[PageSize];
                _pages[addr >> 12] = page;
            }

            source.Slice(done, chunk).CopyTo(page.AsSpan(offset, chunk));
            done += chunk;
        }
    }
}
