using Lvbs.Kernel.Diagnostics;
using Lvbs.Runtime;

namespace Lvbs.Kernel.Image.Scenarios;

/// <summary>
/// <c>gctest</c>: allocates ten times the heap in mixed sizes while keeping a rolling window of
/// live objects whose contents are checked, proving memory is reclaimed and live data survives.
/// </summary>
internal static class CollectorStress
{
    private sealed class Item
    {
        public uint Check;
        public byte[]? Data;
    }

    internal static KernelExitCode Run()
    {
        ulong target = Heap.SizeBytes * 10;
        Item?[] window = new Item?[256];
        uint seed = 12345;
        ulong allocated = 0;
        int iterations = 0;
        while (allocated < target)
        {
            seed = seed * 1103515245 + 12345;
            int size = (seed >> 16) % 8 == 0 ? 16 * 1024 + (int)(seed % 4096) : 16 + (int)(seed % 700);
            int slot = (int)((seed >> 8) % (uint)window.Length);
            Item? old = window[slot];
            if (old != null && (old.Data is null || Sum(old.Data) != old.Check))
            {
                Console.WriteLine("gctest: a live object's contents changed");
                return KernelExitCode.TestsFailed;
            }
            byte[] data = new byte[size];
            for (int i = 0; i < data.Length; i += 61)
            {
                data[i] = (byte)(seed >> (i & 15));
            }
            window[slot] = new Item { Data = data, Check = Sum(data) };
            allocated += (ulong)size + 48;
            iterations++;
        }
        Console.Write("gctest: allocated ");
        Console.WriteDecimal(allocated / 1024);
        Console.Write(" KiB in ");
        Console.WriteDecimal((ulong)iterations);
        Console.Write(" objects through a ");
        Console.WriteDecimal(Heap.SizeBytes / 1024);
        Console.Write(" KiB heap; ");
        Console.WriteDecimal(Heap.Collections);
        Console.WriteLine(" collections; every live object intact");
        return Heap.Collections > 0 ? KernelExitCode.Success : KernelExitCode.TestsFailed;
    }

    private static uint Sum(byte[] data)
    {
        uint sum = 0;
        for (int i = 0; i < data.Length; i++)
        {
            sum = sum * 31 + data[i];
        }
        return sum;
    }
}
