using System.Runtime;
using Lvbs.Runtime;

namespace Internal.Runtime;

/// <summary>
/// Resolves interface calls. The compiler emits a call through a dispatch cell; the cell's
/// initial stub (RhpInitialDynamicInterfaceDispatch, in the boot stub) calls
/// <see cref="Resolve"/> with the receiver and the cell, then jumps to the result. No cache:
/// resolution walks the receiver's dispatch maps, which are short.
/// </summary>
internal static unsafe class InterfaceDispatch
{
    // Cell encoding (dotnet/runtime, NativeAOT InterfaceDispatchCell): m_pCache's low two bits
    // say how the interface is referenced; the slot number sits in the m_pCache of the run's
    // terminating cell (the one whose stub is null), with the cell type in bits 16 and up.
    private const nuint CachePointerMask = 3;
    private const nuint InterfacePointer = 1;
    private const nuint IndirectedInterfaceRelativePointer = 2;
    private const nuint InterfaceRelativePointer = 3;

    private struct Cell
    {
        internal nuint Stub;
        internal nuint Cache;
    }

    [RuntimeExport("LvbsResolveInterfaceDispatch")]
    private static nint Resolve(object receiver, Cell* cell)
    {
        MethodTable* interfaceType = InterfaceOf(cell);
        Cell* terminator = cell;
        while (terminator->Stub != 0)
        {
            terminator++;
        }
        ushort slot = (ushort)terminator->Cache;
        if ((terminator->Cache >> 16) != 0)
        {
            Panic.Stop("unsupported interface dispatch cell type");
        }
        MethodTable* type = receiver.GetMethodTable();
        nint target = FindImplementation(type, interfaceType, slot);
        if (target == 0)
        {
            Panic.Stop("interface method has no implementation");
        }
        return target;
    }

    private static MethodTable* InterfaceOf(Cell* cell)
    {
        nuint cache = cell->Cache;
        switch (cache & CachePointerMask)
        {
            case InterfacePointer:
                return (MethodTable*)(cache & ~CachePointerMask);
            case InterfaceRelativePointer:
                return (MethodTable*)(((nuint)(&cell->Cache) + (nuint)(nint)(int)cache) & ~CachePointerMask);
            case IndirectedInterfaceRelativePointer:
                return *(MethodTable**)(((nuint)(&cell->Cache) + (nuint)(nint)(int)cache) & ~CachePointerMask);
            default:
                Panic.Stop("interface dispatch cell already holds a cache");
                return null;
        }
    }

    internal static nint FindImplementation(MethodTable* type, MethodTable* interfaceType, ushort slot)
    {
        for (MethodTable* current = type; current != null; current = current->BaseType)
        {
            DispatchMap* map = current->DispatchMap;
            if (map == null)
            {
                continue;
            }
            DispatchMapEntry* entries = (DispatchMapEntry*)(map + 1);
            int count = map->StandardEntryCount;
            for (int i = 0; i < count; i++)
            {
                DispatchMapEntry* entry = &entries[i];
                if (entry->InterfaceMethodSlot != slot || current->GetInterface(entry->InterfaceIndex) != interfaceType)
                {
                    continue;
                }
                ushort implementation = entry->ImplementationSlot;
                if (implementation < current->NumVtableSlots)
                {
                    // A virtual slot: the most derived override lives in the receiver's vtable.
                    return type->VTable[implementation];
                }
                return current->GetSealedVirtualSlot(implementation - current->NumVtableSlots);
            }
        }
        return 0;
    }
}
