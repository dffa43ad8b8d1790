using System;
using Lvbs.Runtime;

namespace Lvbs.Kernel.Image.SelfTest;

/// <summary>
/// The collector keeps what is reachable and reclaims the rest: references from the stack,
/// from statics, from inside objects (class fields, reference arrays, arrays of structs that hold
/// references) and interior pointers (spans) all keep their targets alive.
/// </summary>
internal static class CollectorTests
{
    internal static void Register()
    {
        SelfTestRunner.Run("gc.reclaims-garbage", ReclaimsGarbage);
        SelfTestRunner.Run("gc.keeps-stack-and-field-references", KeepsReachable);
        SelfTestRunner.Run("gc.keeps-static-references", KeepsStatics);
        SelfTestRunner.Run("gc.keeps-struct-array-references", KeepsStructArrayReferences);
        SelfTestRunner.Run("gc.keeps-interior-pointer-targets", KeepsInteriorPointerTargets);
        SelfTestRunner.Run("gc.large-objects", LargeObjects);
        SelfTestRunner.Run("gc.mark-stack-overflow-recovery", MarkStackOverflow);
    }

    private sealed class Payload
    {
        public int Id;
        public byte[]? Data;
        public Payload? Next;
    }

    private struct Slot
    {
        public long Tag;
        public Payload? Item;
        public int Extra;
    }

    private static Payload? s_rooted;

    private static Payload MakeChain(int count, int seed)
    {
        Payload head = new Payload { Id = seed, Data = new byte[40] };
        head.Data[0] = (byte)seed;
        for (int i = 1; i < count; i++)
        {
            Payload node = new Payload { Id = seed + i, Data = new byte[40], Next = head };
            node.Data[0] = (byte)(seed + i);
            head = node;
        }
        return head;
    }

    private static string? CheckChain(Payload? head, int count, int seed)
    {
        int seen = 0;
        for (Payload? n = head; n != null; n = n.Next)
        {
            int expected = seed + count - 1 - seen;
            if (n.Id != expected || n.Data is null || n.Data.Length != 40 || n.Data[0] != (byte)expected)
            {
                return "a live object was overwritten or freed";
            }
            seen++;
        }
        return seen == count ? null : "a live chain lost nodes";
    }

    // Enough short-lived garbage to force at least one collection (one and a half collection
    // budgets, or twice the heap when the heap is smaller than that); ReclaimsGarbage uses twice
    // as much to see two.
    private static ulong ChurnBytes => Math.Min(Heap.CollectionBudgetBytes * 3 / 2, Heap.SizeBytes * 2);

    private static void Churn(int rounds = 1)
    {
        ulong target = ChurnBytes * (ulong)rounds;
        ulong allocated = 0;
        while (allocated < target)
        {
            byte[] garbage = new byte[4000];
            garbage[3999] = 1;
            allocated += 4096;
        }
    }

    private static string? ReclaimsGarbage()
    {
        uint before = Heap.Collections;
        Churn(rounds: 2);
        if (Heap.Collections < before + 2)
        {
            return "allocating three collection budgets did not collect twice";
        }
        Heap.Collect();
        return Heap.AllocatedBytes < ChurnBytes / 4 ? null : "garbage was not reclaimed";
    }

    private static string? KeepsReachable()
    {
        Payload chain = MakeChain(500, 1);
        Payload[] array = new Payload[64];
        for (int i = 0; i < array.Length; i++)
        {
            array[i] = MakeChain(3, 1000 + i * 10);
        }
        Churn();
        string? failure = CheckChain(chain, 500, 1);
        for (int i = 0; failure is null && i < array.Length; i++)
        {
            failure = CheckChain(array[i], 3, 1000 + i * 10);
        }
        return failure;
    }

    private static string? KeepsStatics()
    {
        s_rooted = MakeChain(200, 7);
        Churn();
        string? failure = CheckChain(s_rooted, 200, 7);
        s_rooted = null;
        return failure;
    }

    private static string? KeepsStructArrayReferences()
    {
        Slot[] slots = new Slot[100];
        for (int i = 0; i < slots.Length; i++)
        {
            slots[i].Tag = i;
            slots[i].Extra = -i;
            slots[i].Item = MakeChain(2, i * 5);
        }
        Churn();
        for (int i = 0; i < slots.Length; i++)
        {
            if (slots[i].Tag != i || slots[i].Extra != -i)
            {
                return "struct array scalars changed";
            }
            string? failure = CheckChain(slots[i].Item, 2, i * 5);
            if (failure != null)
            {
                return failure;
            }
        }
        return null;
    }

    private static string? KeepsInteriorPointerTargets() => InteriorPointerCase(MakeSpanOverFreshArray());

    // The only reference to the array is the span's interior pointer into its elements.
    private static Span<byte> MakeSpanOverFreshArray()
    {
        byte[] array = new byte[300];
        for (int i = 0; i < array.Length; i++)
        {
            array[i] = (byte)i;
        }
        return array.AsSpan(100, 100);
    }

    private static string? InteriorPointerCase(Span<byte> span)
    {
        Churn();
        for (int i = 0; i < span.Length; i++)
        {
            if (span[i] != (byte)(100 + i))
            {
                return "memory behind a span was reclaimed";
            }
        }
        return null;
    }

    private static string? LargeObjects()
    {
        byte[] keep = new byte[64 * 1024];
        keep[0] = 1;
        keep[keep.Length - 1] = 2;
        ulong target = ChurnBytes;
        for (ulong allocated = 0; allocated < target; allocated += 48 * 1024)
        {
            byte[] big = new byte[48 * 1024];
            big[big.Length - 1] = 3;
        }
        return keep[0] == 1 && keep[keep.Length - 1] == 2 ? null : "a live large object was freed";
    }

    // More objects with references than the mark stack holds at once.
    private static string? MarkStackOverflow()
    {
        Payload[] wide = new Payload[17000]; // just over the 16,384-entry mark stack
        for (int i = 0; i < wide.Length; i++)
        {
            wide[i] = new Payload { Id = i, Next = new Payload { Id = -i } };
        }
        uint overflowsBefore = Heap.MarkStackOverflows;
        Heap.Collect();
        if (Heap.MarkStackOverflows == overflowsBefore)
        {
            return "the mark stack did not overflow; the test no longer covers recovery";
        }
        Heap.Collect();
        for (int i = 0; i < wide.Length; i++)
        {
            if (wide[i].Id != i || wide[i].Next is null || wide[i].Next!.Id != -i)
            {
                return "an object traced only after overflow recovery was freed";
            }
        }
        return null;
    }
}
