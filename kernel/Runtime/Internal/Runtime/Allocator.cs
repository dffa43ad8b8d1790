using System;
using System.Runtime;
using System.Runtime.CompilerServices;
using Internal.Runtime.Gc;

namespace Internal.Runtime;

/// <summary>
/// The allocation helpers ILCompiler calls (RhpNew*). Every object comes from the collected heap
/// and is returned zeroed with its MethodTable set.
/// </summary>
internal static unsafe class Allocator
{
    [RuntimeExport("RhpNewFast")]
    private static object NewFast(MethodTable* mt) => AllocateObject(mt);

    [RuntimeExport("RhpNewFinalizable")]
    private static object NewFinalizable(MethodTable* mt) => AllocateObject(mt);

    [RuntimeExport("RhpNewArrayFast")]
    private static object NewArrayFast(MethodTable* mt, int length) => AllocateArray(mt, length);

    [RuntimeExport("RhpNewPtrArrayFast")]
    private static object NewPtrArrayFast(MethodTable* mt, int length) => AllocateArray(mt, length);

    [RuntimeExport("RhNewString")]
    private static object NewString(MethodTable* mt, int length) => AllocateArray(mt, length);

    internal static object AllocateObject(MethodTable* mt)
    {
        byte* block = GarbageCollector.Allocate(mt->BaseSize);
        return Publish(block, mt);
    }

    internal static object AllocateArray(MethodTable* mt, int length)
    {
        if (length < 0)
        {
            throw new OverflowException();
        }
        nuint size = mt->GetObjectSize((uint)length);
        if (size > int.MaxValue)
        {
            throw new OutOfMemoryException();
        }
        byte* block = GarbageCollector.Allocate(size);
        // The length field follows the MethodTable pointer.
        *(int*)(block + 16) = length;
        return Publish(block, mt);
    }

    // A block is [header][MethodTable*][fields]; the object reference points at the MethodTable slot.
    private static object Publish(byte* block, MethodTable* mt)
    {
        nint objectAddress = (nint)(block + sizeof(nint));
        *(MethodTable**)objectAddress = mt;
        return Unsafe.As<nint, object>(ref objectAddress);
    }
}
