using Lvbs.Runtime;

namespace Internal.Runtime.Gc;

/// <summary>
/// The kernel's heap: non-moving, stop-the-world mark and sweep. Objects of up to
/// <see cref="MaxSmallSize"/> bytes live in 4 KiB pages of one size class each; larger objects take
/// whole page runs. Marking is precise inside the heap (the compiler's GC descriptors) and
/// conservative for roots (stack, saved registers, the image's data and bss), so no stack maps
/// are needed. The kernel is single-core while the collector runs and nothing else allocates.
/// </summary>
/// <remarks>
/// Heap layout: [page descriptors][mark stack][pages...]. A block is
/// [header word][MethodTable*][fields]; an allocated block has a non-zero MethodTable slot, a
/// free block has zero there and its header word links the free list. The mark bit is bit 0 of
/// the header word of an allocated block.
/// </remarks>
internal static unsafe partial class GarbageCollector
{
    internal const int PageSize = 4096;
    internal const int MaxSmallSize = 2048;

    private const int SizeClassCount = 14;

    // Block sizes of the small classes; 24 bytes is the smallest object the compiler lays out.
    // A switch, not an array: the collector must not have a static constructor that allocates.
    private static nuint BlockSize(int sizeClass) => sizeClass switch
    {
        0 => 24,
        1 => 32,
        2 => 48,
        3 => 64,
        4 => 96,
        5 => 128,
        6 => 192,
        7 => 256,
        8 => 384,
        9 => 512,
        10 => 768,
        11 => 1024,
        12 => 1536,
        _ => 2048,
    };

    private static PageDescriptor* s_pages;
    private static byte* s_firstPage;
    private static byte* s_heapEnd;
    private static nuint s_pageCount;
    private static nuint s_largeRover;

    // Free-list heads per size class. Fixed-size non-GC storage: this must not live in a GC static.
    private static FreeLists s_freeLists;

    private static HeapStatistics s_stats;

    // Pacing: collect once the bytes allocated since the last collection reach the budget, which
    // is the live size after that collection (so the heap in use stays near twice the live data),
    // but at least MinimumBudget. Pauses stay proportional to what is live, not to the heap.
    internal const nuint MinimumBudget = 2 << 20;
    private static nuint s_collectionBudget = MinimumBudget;
    private static nuint s_allocatedSinceCollection;

    internal static bool IsInitialized => s_firstPage != null;

    internal static HeapStatistics Statistics => s_stats;

    internal static nuint CollectionBudget => s_collectionBudget;

    internal static ulong HeapEnd => (ulong)s_heapEnd;

    /// <summary>Takes [start, end) as the heap. Called once by the runtime before any allocation.</summary>
    internal static void Initialize(byte* start, byte* end)
    {
        start = (byte*)(((nuint)start + PageSize - 1) & ~(nuint)(PageSize - 1));
        end = (byte*)((nuint)end & ~(nuint)(PageSize - 1));
        nuint totalPages = (nuint)(end - start) / PageSize;
        nuint markStackBytes = MarkStackCapacity * (nuint)sizeof(nint);
        // Descriptors and the mark stack come out of the region itself.
        nuint metadataBytes = totalPages * (nuint)sizeof(PageDescriptor) + markStackBytes;
        nuint metadataPages = (metadataBytes + PageSize - 1) / PageSize;
        if (totalPages <= metadataPages + 16)
        {
            Panic.Stop("heap region too small");
        }
        s_pages = (PageDescriptor*)start;
        s_markStack = (nint*)(start + totalPages * (nuint)sizeof(PageDescriptor));
        s_firstPage = start + metadataPages * PageSize;
        s_heapEnd = end;
        s_pageCount = (nuint)(end - s_firstPage) / PageSize;
        Native.MemorySet((byte*)s_pages, 0, s_pageCount * (nuint)sizeof(PageDescriptor));
        s_stats.HeapBytes = s_pageCount * PageSize;
    }

    private static int SizeClassFor(nuint size)
    {
        for (int i = 0; i < SizeClassCount; i++)
        {
            if (size <= BlockSize(i))
            {
                return i;
            }
        }
        return -1;
    }

    private static nuint PageIndexOf(byte* address) => (nuint)(address - s_firstPage) / PageSize;

    private static byte* PageAddress(nuint index) => s_firstPage + index * PageSize;
}

/// <summary>What the collector knows about one heap page.</summary>
internal struct PageDescriptor
{
    internal PageKind Kind;
    internal byte SizeClass;
    internal ushort LiveBlocks;
    // Large head: number of pages in the run. Large tail: index of the head page.
    internal uint Run;
}

/// <summary>The state of a heap page.</summary>
internal enum PageKind : byte
{
    Free = 0,
    Small = 1,
    LargeHead = 2,
    LargeTail = 3,
}

/// <summary>Free-list heads, one per size class.</summary>
internal unsafe struct FreeLists
{
    internal fixed ulong Heads[14];
}

/// <summary>Counters reported by the heap, for tests and the console.</summary>
internal struct HeapStatistics
{
    internal nuint HeapBytes;
    internal nuint AllocatedBytes;
    internal nuint LiveBytesAfterLastCollection;
    internal ulong TotalAllocatedBytes;
    internal uint Collections;
    internal uint MarkStackOverflows;
}
