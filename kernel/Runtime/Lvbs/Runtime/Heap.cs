using Internal.Runtime.Gc;

namespace Lvbs.Runtime;

/// <summary>The collected heap, as the kernel and its self-tests see it.</summary>
public static class Heap
{
    public static void Collect() => GarbageCollector.Collect();

    public static ulong SizeBytes => GarbageCollector.Statistics.HeapBytes;

    /// <summary>One past the heap's last byte (a physical address: the kernel identity-maps RAM).</summary>
    public static ulong EndAddress => GarbageCollector.HeapEnd;

    public static ulong AllocatedBytes => GarbageCollector.Statistics.AllocatedBytes;

    public static ulong TotalAllocatedBytes => GarbageCollector.Statistics.TotalAllocatedBytes;

    public static uint Collections => GarbageCollector.Statistics.Collections;

    public static uint MarkStackOverflows => GarbageCollector.Statistics.MarkStackOverflows;

    /// <summary>Bytes that may be allocated before the next collection starts on its own.</summary>
    public static ulong CollectionBudgetBytes => GarbageCollector.CollectionBudget;
}
