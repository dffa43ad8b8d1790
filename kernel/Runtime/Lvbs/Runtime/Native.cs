using System.Runtime;
using System.Runtime.CompilerServices;

namespace Lvbs.Runtime;

/// <summary>
/// The routines the boot stub (kernel/Boot/*.asm) implements, and the linker symbols that bound
/// the image. This is the whole native boundary of the runtime.
/// </summary>
internal static unsafe class Native
{
    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_outb")]
    internal static extern void OutByte(ushort port, byte value);

    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_inb")]
    internal static extern byte InByte(ushort port);

    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_outl")]
    internal static extern void OutDword(ushort port, uint value);

    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_inl")]
    internal static extern uint InDword(ushort port);

    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("memmove")]
    internal static extern void* MemoryMove(byte* destination, byte* source, nuint count);

    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("memset")]
    internal static extern void* MemorySetRaw(byte* destination, int value, nuint count);

    internal static void MemorySet(byte* destination, byte value, nuint count) => MemorySetRaw(destination, value, count);

    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_gc_collect")]
    internal static extern void CollectWithRegistersSaved();

    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_halt")]
    internal static extern void Halt();

    /// <summary>Removes the boot-time mapping of page 0, so a null dereference faults from now on.</summary>
    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_unmap_page0")]
    internal static extern void UnmapPageZero();

    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_read_cr2")]
    internal static extern ulong ReadCr2();

    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_rdtsc")]
    internal static extern ulong ReadTimeStampCounter();

    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_image_layout")]
    private static extern ImageLayout* GetImageLayout();

    private static ImageLayout* Layout => GetImageLayout();

    internal static nuint* StackTop => (nuint*)Layout->StackTop;
    internal static nuint StackBottom => Layout->StackBottom;
    internal static nuint StackGuard => Layout->StackGuard;
    internal static nuint* DataStart => (nuint*)Layout->DataStart;
    internal static nuint* DataEnd => (nuint*)Layout->DataEnd;
    internal static nuint* BssStart => (nuint*)Layout->BssStart;
    internal static nuint* BssEnd => (nuint*)Layout->BssEnd;
    internal static nuint ImageStart => Layout->ImageStart;
    internal static nuint ImageEnd => Layout->ImageEnd;
    internal static nuint TextStart => Layout->TextStart;
    internal static nuint TextEnd => Layout->TextEnd;
    internal static nuint ModulesStart => Layout->ModulesStart;
    internal static nuint ModulesEnd => Layout->ModulesEnd;
    internal static nuint SymbolsStart => Layout->SymbolsStart;
    internal static nuint SymbolsEnd => Layout->SymbolsEnd;
}

/// <summary>Addresses the linker script defines, gathered by the boot stub into one table.</summary>
internal struct ImageLayout
{
    internal nuint ImageStart;
    internal nuint ImageEnd;
    internal nuint TextStart;
    internal nuint TextEnd;
    internal nuint DataStart;
    internal nuint DataEnd;
    internal nuint BssStart;
    internal nuint BssEnd;
    internal nuint StackGuard;
    internal nuint StackBottom;
    internal nuint StackTop;
    internal nuint ModulesStart;
    internal nuint ModulesEnd;
    internal nuint SymbolsStart;
    internal nuint SymbolsEnd;
}
