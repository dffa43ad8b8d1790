using System.Runtime;
using Lvbs.Runtime;

namespace Internal.Runtime.Gc;

internal static unsafe partial class GarbageCollector
{
    /// <summary>Runs a full collection. The assembly stub saves the callee-saved registers on the stack first.</summary>
    internal static void Collect() => Native.CollectWithRegistersSaved();

    // Entered from the assembly stub with the stack pointer after it pushed every callee-saved
    // register, so [stackPointer, stack top) holds every live root of the running code.
    [RuntimeExport("LvbsCollectFromStack")]
    private static void CollectFromStack(nuint* stackPointer)
    {
        s_stats.Collections++;
        s_markStackDepth = 0;
        s_markStackOverflowed = false;

        ScanConservatively(stackPointer, Native.StackTop);
        ScanConservatively(Native.DataStart, Native.DataEnd);
        // The boot stack lives in .bss: skip its unmapped guard page and its dead part below the
        // stack pointer (the live part was scanned above).
        ScanConservatively(Native.BssStart, (nuint*)Native.StackGuard);
        ScanConservatively(Native.StackTop, Native.BssEnd);
        DrainMarkStack();
        RecoverFromMarkStackOverflow();

        Sweep();
    }

    // Frees every unmarked block, clears marks, rebuilds the free lists and returns empty pages.
    private static void Sweep()
    {
        for (int i = 0; i < SizeClassCount; i++)
        {
            s_freeLists.Heads[i] = 0;
        }
        nuint live = 0;
        for (nuint page = 0; page < s_pageCount; page++)
        {
            PageDescriptor* descriptor = &s_pages[page];
            if (descriptor->Kind == PageKind.Small)
            {
                live += SweepSmallPage(page, descriptor);
            }
            else if (descriptor->Kind == PageKind.LargeHead)
            {
                byte* block = PageAddress(page);
                nuint run = descriptor->Run;
                if ((*(nuint*)block & 1) != 0)
                {
                    *(nuint*)block &= ~(nuint)1;
                    live += run * PageSize;
                }
                else
                {
                    for (nuint i = 0; i < run; i++)
                    {
                        s_pages[page + i].Kind = PageKind.Free;
                        s_pages[page + i].Run = 0;
                    }
                }
                page += run - 1;
            }
        }
        s_stats.AllocatedBytes = live;
        s_stats.LiveBytesAfterLastCollection = live;
        s_largeRover = 0;
        s_allocatedSinceCollection = 0;
        s_collectionBudget = live > MinimumBudget ? live : MinimumBudget;
    }

    private static nuint SweepSmallPage(nuint page, PageDescriptor* descriptor)
    {
        int sizeClass = descriptor->SizeClass;
        nuint blockSize = BlockSize(sizeClass);
        byte* start = PageAddress(page);
        nuint count = PageSize / blockSize;
        ulong pageFreeList = 0;
        byte* pageFreeTail = null;
        ushort live = 0;
        for (nuint i = count; i > 0; i--)
        {
            byte* block = start + (i - 1) * blockSize;
            nuint* header = (nuint*)block;
            if (*(nint*)(block + 8) != 0 && (*header & 1) != 0)
            {
                *header &= ~(nuint)1;
                live++;
                continue;
            }
            // Dead or already free: clear the MethodTable slot so conservative lookups reject it.
            *(nint*)(block + 8) = 0;
            *header = (nuint)pageFreeList;
            pageFreeList = (ulong)block;
            if (pageFreeTail == null)
            {
                pageFreeTail = block;
            }
        }
        descriptor->LiveBlocks = live;
        if (live == 0)
        {
            descriptor->Kind = PageKind.Free;
            return 0;
        }
        // Splice this page's free blocks in front of the class list.
        if (pageFreeTail != null)
        {
            *(ulong*)pageFreeTail = s_freeLists.Heads[sizeClass];
            s_freeLists.Heads[sizeClass] = pageFreeList;
        }
        return live * blockSize;
    }
}
