using Lvbs.Runtime;

namespace Internal.Runtime.Gc;

internal static unsafe partial class GarbageCollector
{
    private const nuint MarkStackCapacity = 16384;
    private static nint* s_markStack;
    private static nuint s_markStackDepth;
    private static bool s_markStackOverflowed;

    /// <summary>
    /// Maps any address inside an allocated block to its object reference (block + 8), or 0 when
    /// the address is not inside a live heap block. Used for conservative roots, which may be
    /// interior pointers (spans, byrefs), and for precise references alike.
    /// </summary>
    private static nint FindObject(nuint address)
    {
        if (address < (nuint)s_firstPage || address >= (nuint)s_heapEnd)
        {
            return 0;
        }
        nuint page = PageIndexOf((byte*)address);
        PageDescriptor* descriptor = &s_pages[page];
        byte* block;
        switch (descriptor->Kind)
        {
            case PageKind.Small:
                nuint blockSize = BlockSize(descriptor->SizeClass);
                nuint offset = (address - (nuint)PageAddress(page)) / blockSize;
                if ((offset + 1) * blockSize > PageSize)
                {
                    return 0; // the slack at the end of the page holds no block
                }
                block = PageAddress(page) + offset * blockSize;
                break;
            case PageKind.LargeHead:
                block = PageAddress(page);
                break;
            case PageKind.LargeTail:
                block = PageAddress(descriptor->Run);
                break;
            default:
                return 0;
        }
        if (*(nint*)(block + 8) == 0)
        {
            return 0; // a free block
        }
        return (nint)(block + 8);
    }

    private static void MarkCandidate(nuint address)
    {
        nint obj = FindObject(address);
        if (obj == 0)
        {
            return;
        }
        nuint* header = (nuint*)(obj - 8);
        if ((*header & 1) != 0)
        {
            return;
        }
        *header |= 1;
        if (!((MethodTable*)*(nint*)obj)->ContainsGCPointers)
        {
            return;
        }
        if (s_markStackDepth == MarkStackCapacity)
        {
            // Marked but not traced: the overflow pass below finds it again.
            s_markStackOverflowed = true;
            s_stats.MarkStackOverflows++;
            return;
        }
        s_markStack[s_markStackDepth++] = obj;
    }

    private static void ScanConservatively(nuint* start, nuint* end)
    {
        for (nuint* p = start; p < end; p++)
        {
            MarkCandidate(*p);
        }
    }

    private static void DrainMarkStack()
    {
        while (s_markStackDepth > 0)
        {
            TraceObject(s_markStack[--s_markStackDepth]);
        }
    }

    // Visits every reference field of an object using the GC descriptor the compiler stores just
    // before its MethodTable (layout as in the .NET GC's gcdesc.h): a series count at MT-8, then
    // series growing down in memory.
    private static void TraceObject(nint obj)
    {
        MethodTable* mt = (MethodTable*)*(nint*)obj;
        nint size = (nint)mt->BaseSize;
        if (mt->HasComponentSize)
        {
            size += (nint)(*(uint*)(obj + 8)) * mt->ComponentSize;
        }
        nint* descriptor = (nint*)mt;
        nint seriesCount = descriptor[-1];
        if (seriesCount > 0)
        {
            // Series i, from the highest address down: { length - object size, offset from obj }.
            for (nint i = 0; i < seriesCount; i++)
            {
                nint seriesLength = descriptor[-3 - 2 * i] + size;
                nuint* field = (nuint*)(obj + descriptor[-2 - 2 * i]);
                nuint* stop = (nuint*)((byte*)field + seriesLength);
                for (; field < stop; field++)
                {
                    MarkCandidate(*field);
                }
            }
        }
        else if (seriesCount < 0)
        {
            // Arrays of structs with references: one start offset, then -seriesCount packed
            // { uint32 pointer count, uint32 bytes to skip } items, repeated to the object's end
            // (which is size - 8 from obj, since size counts the header word before obj).
            nuint* field = (nuint*)(obj + descriptor[-2]);
            nuint* end = (nuint*)(obj + size - 8);
            while (field < end)
            {
                for (nint i = 0; i < -seriesCount; i++)
                {
                    nuint item = (nuint)descriptor[-3 - i];
                    uint pointerCount = (uint)item;
                    uint skip = (uint)(item >> 32);
                    for (uint k = 0; k < pointerCount; k++, field++)
                    {
                        MarkCandidate(*field);
                    }
                    field = (nuint*)((byte*)field + skip);
                }
            }
        }
    }

    // After an overflow some marked objects were never traced: find them by walking the heap.
    private static void RecoverFromMarkStackOverflow()
    {
        while (s_markStackOverflowed)
        {
            s_markStackOverflowed = false;
            for (nuint page = 0; page < s_pageCount; page++)
            {
                PageDescriptor* descriptor = &s_pages[page];
                if (descriptor->Kind == PageKind.Small)
                {
                    nuint blockSize = BlockSize(descriptor->SizeClass);
                    for (byte* block = PageAddress(page); block + blockSize <= PageAddress(page) + PageSize; block += blockSize)
                    {
                        RetraceIfMarked(block);
                    }
                }
                else if (descriptor->Kind == PageKind.LargeHead)
                {
                    RetraceIfMarked(PageAddress(page));
                }
            }
        }
    }

    private static void RetraceIfMarked(byte* block)
    {
        nint obj = (nint)(block + 8);
        MethodTable* type = (MethodTable*)*(nint*)obj;
        // Only types with references have a GC descriptor in front of their MethodTable.
        if (type != null && (*(nuint*)block & 1) != 0 && type->ContainsGCPointers)
        {
            TraceObject(obj);
            DrainMarkStack();
        }
    }
}
