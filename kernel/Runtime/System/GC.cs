namespace System;

/// <summary>.NET's GC facade over the kernel's collector.</summary>
public static class GC
{
    public static void Collect() => Lvbs.Runtime.Heap.Collect();

    public static long GetTotalMemory(bool forceFullCollection)
    {
        if (forceFullCollection)
        {
            Collect();
        }
        return (long)Lvbs.Runtime.Heap.AllocatedBytes;
    }

    public static int CollectionCount(int generation) => (int)Lvbs.Runtime.Heap.Collections;

    public static void KeepAlive(object? obj) { }
}
