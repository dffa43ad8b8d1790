using System;
using Lvbs.Kernel.Diagnostics;
using Lvbs.Runtime;

namespace Lvbs.Kernel.Image.Scenarios;

/// <summary>
/// Deliberate faults, selected with <c>fault=NAME</c>, that prove the kernel's failure paths:
/// each must end in a report and a distinct exit status, never a hang or a silent reset.
/// </summary>
internal static unsafe class FaultScenarios
{
    internal static KernelExitCode Run(ReadOnlySpan<byte> name)
    {
        Console.Write("fault scenario: ");
        for (int i = 0; i < name.Length; i++)
        {
            Console.Write((char)name[i]);
        }
        Console.WriteLine();
        if (Is(name, "null"))
        {
            NullDereference(null);
        }
        else if (Is(name, "index"))
        {
            IndexOutOfRange(new int[4], 4);
        }
        else if (Is(name, "stack"))
        {
            Recurse(0);
        }
        else if (Is(name, "oom"))
        {
            ExhaustHeap();
        }
        else if (Is(name, "throw"))
        {
            throw new InvalidOperationException("deliberate failure from fault=throw");
        }
        else if (Is(name, "write-text"))
        {
            WriteToText();
        }
        else if (Is(name, "exec-data"))
        {
            ExecuteData();
        }
        else
        {
            Console.WriteLine("unknown fault scenario (null, index, stack, oom, throw, write-text, exec-data)");
            return KernelExitCode.TestsFailed;
        }
        Console.WriteLine("fault scenario returned: the fault was not raised");
        return KernelExitCode.TestsFailed;
    }

    private static bool Is(ReadOnlySpan<byte> name, string expected) => BootInfo.TextEquals(name, expected);

    private sealed class Holder
    {
        public int Field;
    }

    private static int NullDereference(Holder? holder) => holder!.Field;

    private static int IndexOutOfRange(int[] array, int index) => array[index];

    // Each frame keeps a buffer live so the compiler cannot turn the recursion into a loop.
    private static int Recurse(int depth)
    {
        byte* buffer = stackalloc byte[256];
        buffer[depth & 255] = (byte)depth;
        return Recurse(depth + 1) + buffer[depth & 255];
    }

    private sealed class Block
    {
        public byte[]? Data;
        public Block? Next;
    }

    private static void ExhaustHeap()
    {
        Block? head = null;
        while (true)
        {
            head = new Block { Data = new byte[64 * 1024], Next = head };
        }
    }

    // Text is mapped read-only: W^X.
    private static void WriteToText()
    {
        delegate*<int, int> code = &Identity;
        *(byte*)code = 0xC3;
    }

    private static int Identity(int x) => x;

    // Data is mapped no-execute: W^X.
    private static void ExecuteData()
    {
        byte* ret = stackalloc byte[16];
        ret[0] = 0xC3; // ret
        ((delegate*<void>)ret)();
    }
}
