using System;
using Lvbs.Runtime;

namespace Internal.Runtime.Gc;

internal static unsafe partial class GarbageCollector
{
    /// <summary>Returns a zeroed block of at least <paramref name="size"/> bytes, collecting if needed.</summary>
    internal static byte* Allocate(nuint size)
    {
        if (!IsInitialized)
        {
            Panic.Stop("allocation before the heap was initialised");
        }
        size = (size + 7) & ~(nuint)7;
        if (s_allocatedSinceCollection >= s_collectionBudget)
        {
            Collect();
        }
        byte* block = TryAllocate(size);
        if (block == null)
        {
            Collect();
            block = TryAllocate(size);
            if (block == null)
            {
                Panic.OutOfMemory(size, s_stats.HeapBytes, s_stats.LiveBytesAfterLastCollection);
            }
        }
        s_stats.TotalAllocatedBytes += size;
        s_allocatedSinceCollection += size;
        return block;
    }

    private static byte* TryAllocate(nuint size)
    {
        int sizeClass = SizeClassFor(size);
        if (sizeClass >= 0)
        {
            return AllocateSmall(sizeClass);
        }
        return AllocateLarge((size + PageSize - 1) / PageSize);
    }

    private static byte* AllocateSmall(int sizeClass)
    {
        byte* block = (byte*)s_freeLists.Heads[sizeClass];
        if (block == null)
        {
            if (!RefillSmall(sizeClass))
            {
                return null;
            }
            block = (byte*)s_freeLists.Heads[sizeClass];
        }
        s_freeLists.Heads[sizeClass] = *(ulong*)block;
        nuint blockSize = BlockSize(sizeClass);
        Native.MemorySet(block, 0, blockSize);
        s_pages[PageIndexOf(block)].LiveBlocks++;
        s_stats.AllocatedBytes += blockSize;
        return block;
    }

    // Carves one free page into blocks of the class and threads them onto its free list.
    private static bool RefillSmall(int sizeClass)
    {
        nuint page = FindFreeRun(1);
        if (page == nuint.MaxValue)
        {
            return false;
        }
        s_pages[page].Kind = PageKind.Small;
        s_pages[page].SizeClass = (byte)sizeClass;
        s_pages[page].LiveBlocks = 0;
        nuint blockSize = BlockSize(sizeClass);
        byte* start = PageAddress(page);
        nuint count = PageSize / blockSize;
        for (nuint i = count; i > 0; i--)
        {
            byte* block = start + (i - 1) * blockSize;
            *(ulong*)block = s_freeLists.Heads[sizeClass];
            *(ulong*)(block + 8) = 0;
            s_freeLists.Heads[sizeClass] = (ulong)block;
        }
        return true;
    }

    private static byte* AllocateLarge(nuint pages)
    {
        nuint head = FindFreeRun(pages);
        if (head == nuint.MaxValue)
        {
            return null;
        }
        s_pages[head].Kind = PageKind.LargeHead;
        s_pages[head].Run = (uint)pages;
        for (nuint i = 1; i < pages; i++)
        {
            s_pages[head + i].Kind = PageKind.LargeTail;
            s_pages[head + i].Run = (uint)head;
        }
        byte* block = PageAddress(head);
        Native.MemorySet(block, 0, pages * PageSize);
        s_stats.AllocatedBytes += pages * PageSize;
        return block;
    }

    // First fit from a rover, wrapping once: O(pages) worst case, only for page-sized requests.
    private static nuint FindFreeRun(nuint pages)
    {
        if (pages > s_pageCount)
        {
            return nuint.MaxValue;
        }
        for (int pass = 0; pass < 2; pass++)
        {
            nuint start = pass == 0 ? s_largeRover : 0;
            nuint limit = pass == 0 ? s_pageCount : s_largeRover + pages;
            if (limit > s_pageCount)
            {
                limit = s_pageCount;
            }
            nuint runStart = start, runLength = 0;
            for (nuint i = start; i < limit; i++)
            {
                if (s_pages[i].Kind != PageKind.Free)
                {
                    runLength = 0;
                    runStart = i + 1;
                    continue;
                }
                if (++runLength == pages)
                {
                    s_largeRover = runStart + pages;
                    if (s_largeRover >= s_pageCount)
                    {
                        s_largeRover = 0;
                    }
                    return runStart;
                }
            }
        }
        return nuint.MaxValue;
    }
}
