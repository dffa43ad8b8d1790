using System.Runtime;
using Internal.Runtime.Gc;
using Lvbs.Runtime;

namespace Internal.Runtime.CompilerHelpers;

/// <summary>
/// Start-up (ILCompiler looks this class up by name). The boot stub calls <see cref="RuntimeInit"/>
/// before the compiler-generated <c>__managed__Main</c>: it takes the heap from the PVH memory
/// map and allocates every module's GC static bases.
/// </summary>
internal static unsafe class StartupCodeHelpers
{
    // ReadyToRunSectionType values (dotnet/runtime ModuleHeaders.h).
    private const int GCStaticRegionSection = 201;
    private const int EagerCctorSection = 205;
    private const uint ReadyToRunSignature = 0x00525452; // "RTR"

    // GCStaticRegionConstants: low bits of a static base cell before initialisation.
    private const nint Uninitialized = 1;
    private const nint HasPreInitializedData = 2;
    private const nint FlagMask = 3;

    private struct ReadyToRunHeader
    {
        internal uint Signature;
        internal ushort MajorVersion;
        internal ushort MinorVersion;
        internal uint Flags;
        internal ushort NumberOfSections;
        internal byte EntrySize;
        internal byte EntryType;
    }

    private struct ModuleInfoRow
    {
        internal int SectionId;
        internal int Flags;
        internal nint Start;
        internal nint End;
    }

    private const nuint MinimumHeap = 1 << 20;

    /// <summary>End of the RAM the secure kernel keeps for itself when VTL0 is a Linux guest.</summary>
    internal const ulong SecureKernelRamEnd = 16UL << 20;

    [RuntimeExport("LvbsRuntimeInit")]
    private static void RuntimeInit(nuint startInfo)
    {
        Cpu.RequireBaseline();
        if (!BootInfo.Initialize(startInfo))
        {
            Panic.Stop("no PVH start info: boot with a PVH loader (qemu -kernel)");
        }
        Native.UnmapPageZero();
        ulong heapStart, heapEnd;
        if (!BootInfo.TryFindLargestRam(Native.ImageEnd, out heapStart, out heapEnd))
        {
            Panic.Stop("the PVH memory map has no RAM above the kernel");
        }
        if (BootInfo.TryGetOption("heap", out System.ReadOnlySpan<byte> limitText))
        {
            if (!BootInfo.TryParseSize(limitText, out ulong limit) || limit < MinimumHeap)
            {
                Panic.Stop("malformed heap= option: expected a size of at least 1M, like heap=4M");
            }
            if (heapEnd - heapStart > limit)
            {
                heapEnd = heapStart + limit;
            }
        }
        // With a Linux guest, VTL0 owns RAM from 16 MiB (Linux's load address) up and the secure
        // kernel keeps [1 MiB, 16 MiB): the nested page table never maps that range for the guest.
        if (BootInfo.HasOption("guest", "linux") && heapEnd > SecureKernelRamEnd)
        {
            heapEnd = SecureKernelRamEnd;
        }

        // Loader modules (QEMU -initrd) stay where the loader put them: keep the heap off them.
        for (int i = 0; i < BootInfo.ModuleCount; i++)
        {
            if (!BootInfo.TryGetModule(i, out ulong moduleStart, out ulong moduleSize))
            {
                continue;
            }
            ulong moduleEnd = moduleStart + moduleSize;
            if (moduleEnd <= heapStart || moduleStart >= heapEnd)
            {
                continue;
            }
            // Keep the larger side of the module.
            ulong below = moduleStart > heapStart ? moduleStart - heapStart : 0;
            ulong above = heapEnd > moduleEnd ? heapEnd - moduleEnd : 0;
            if (below >= above)
            {
                heapEnd = moduleStart & ~4095UL;
            }
            else
            {
                heapStart = (moduleEnd + 4095) & ~4095UL;
            }
        }
        if (heapEnd <= heapStart || heapEnd - heapStart < MinimumHeap)
        {
            Panic.Stop("no room for the heap beside the loader's modules");
        }
        GarbageCollector.Initialize((byte*)heapStart, (byte*)heapEnd);

        for (nint* module = (nint*)Native.ModulesStart; module < (nint*)Native.ModulesEnd; module++)
        {
            InitializeModule((ReadyToRunHeader*)*module);
        }
    }

    private static void InitializeModule(ReadyToRunHeader* header)
    {
        if (header == null)
        {
            return;
        }
        if (header->Signature != ReadyToRunSignature)
        {
            Panic.Stop("bad ReadyToRun header in __modules");
        }
        byte* rows = (byte*)(header + 1);
        for (int i = 0; i < header->NumberOfSections; i++)
        {
            ModuleInfoRow* row = (ModuleInfoRow*)(rows + i * header->EntrySize);
            if (row->SectionId == GCStaticRegionSection)
            {
                InitializeGcStatics((byte*)row->Start, (byte*)row->End);
            }
        }
        for (int i = 0; i < header->NumberOfSections; i++)
        {
            ModuleInfoRow* row = (ModuleInfoRow*)(rows + i * header->EntrySize);
            if (row->SectionId == EagerCctorSection)
            {
                for (int* cctor = (int*)row->Start; cctor < (int*)row->End; cctor++)
                {
                    ((delegate*<void>)((byte*)cctor + *cctor))();
                }
            }
        }
    }

    // Each relptr32 in the region points at an 8-byte static-base slot that holds, until now, a
    // relptr32 to the owner's MethodTable with flag bits. The slot becomes an object reference.
    private static void InitializeGcStatics(byte* start, byte* end)
    {
        for (int* cell = (int*)start; cell < (int*)end; cell++)
        {
            nint* slot = (nint*)((byte*)cell + *cell);
            int relative = *(int*)slot;
            nint typeAddress = (nint)((byte*)slot + relative);
            if ((typeAddress & Uninitialized) == 0)
            {
                continue; // shared by another module and already done
            }
            MethodTable* type = (MethodTable*)(typeAddress & ~FlagMask);
            object staticBase = Allocator.AllocateObject(type);
            if ((typeAddress & HasPreInitializedData) != 0)
            {
                int* dataCell = (int*)slot + 1;
                byte* data = (byte*)dataCell + *dataCell;
                nuint fieldBytes = type->BaseSize - (nuint)(2 * sizeof(nint));
                fixed (byte* fields = &staticBase.GetRawData())
                {
                    Native.MemoryMove(fields, data, fieldBytes);
                }
            }
            *slot = System.Runtime.CompilerServices.Unsafe.As<object, nint>(ref staticBase);
        }
    }
}
