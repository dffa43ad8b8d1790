using System;

namespace Lvbs.Kernel.Image.SelfTest;

/// <summary>Language and runtime features the freestanding corelib must support.</summary>
internal static unsafe class RuntimeTests
{
    internal static void Register()
    {
        SelfTestRunner.Run("runtime.allocation.linked-list", LinkedList);
        SelfTestRunner.Run("runtime.virtual-dispatch", VirtualDispatch);
        SelfTestRunner.Run("runtime.interface-dispatch", InterfaceDispatch);
        SelfTestRunner.Run("runtime.type-tests", TypeTests);
        SelfTestRunner.Run("runtime.spans-and-stackalloc", Spans);
        SelfTestRunner.Run("runtime.struct-arrays", StructArrays);
        SelfTestRunner.Run("runtime.generics", Generics);
        SelfTestRunner.Run("runtime.static-constructor-runs-once", StaticConstructor);
        SelfTestRunner.Run("runtime.preinitialized-static-array", PreinitializedArray);
        SelfTestRunner.Run("runtime.strings", Strings);
        SelfTestRunner.Run("runtime.integer-arithmetic", Arithmetic);
        SelfTestRunner.Run("runtime.try-finally", TryFinally);
        SelfTestRunner.Run("runtime.delegates-and-function-pointers", Delegates);
        SelfTestRunner.Run("runtime.switch-on-wire-value", SwitchOnWireValue);
    }

    private sealed class Node
    {
        public int Value;
        public Node? Next;
    }

    private static string? LinkedList()
    {
        Node? head = null;
        for (int i = 0; i < 100; i++)
        {
            head = new Node { Value = i, Next = head };
        }
        int sum = 0, count = 0;
        for (Node? n = head; n != null; n = n.Next)
        {
            sum += n.Value;
            count++;
        }
        return count == 100 && sum == 4950 ? null : "list walk gave wrong count or sum";
    }

    private abstract class Shape
    {
        public abstract int Area();
        public virtual int Sides() => 0;
    }

    private sealed class Square : Shape
    {
        public int Side;
        public override int Area() => Side * Side;
        public override int Sides() => 4;
    }

    private class Rect : Shape
    {
        public int W, H;
        public override int Area() => W * H;
    }

    private static string? VirtualDispatch()
    {
        Shape[] shapes = { new Square { Side = 3 }, new Rect { W = 2, H = 5 } };
        int total = 0, sides = 0;
        for (int i = 0; i < shapes.Length; i++)
        {
            total += shapes[i].Area();
            sides += shapes[i].Sides();
        }
        return total == 19 && sides == 4 ? null : "virtual calls returned wrong values";
    }

    private interface IMeasure
    {
        int Measure(int x);
        int Id { get; }
    }

    private interface IOther
    {
        int Other();
    }

    private sealed class Doubler : IMeasure
    {
        public int Measure(int x) => x * 2;
        public int Id => 1;
    }

    private class Base : IMeasure, IOther
    {
        public virtual int Measure(int x) => x + 100;
        public int Id => 2;
        public int Other() => 7;
    }

    private sealed class Derived : Base
    {
        public override int Measure(int x) => x + 200;
    }

    private struct Boxed : IMeasure
    {
        public int Offset;
        public int Measure(int x) => x + Offset;
        public int Id => 4;
    }

    private sealed class Generic<T> : IMeasure
    {
        public T? Item;
        public int Measure(int x) => Item is null ? -x : x * 3;
        public int Id => 5;
    }

    private static string? InterfaceDispatch()
    {
        IMeasure[] all = { new Doubler(), new Base(), new Derived(), new Boxed { Offset = 9 }, new Generic<string> { Item = "x" } };
        int[] expected = { 20, 110, 210, 19, 30 };
        int[] ids = { 1, 2, 2, 4, 5 };
        for (int i = 0; i < all.Length; i++)
        {
            if (all[i].Measure(10) != expected[i] || all[i].Id != ids[i])
            {
                return "wrong result from an interface call";
            }
        }
        IOther other = new Derived();
        return other.Other() == 7 ? null : "second interface on a derived class";
    }

    private static string? TypeTests()
    {
        object a = new Derived(), b = new Doubler(), c = "text", d = new int[3];
        if (!(a is Base) || !(a is IMeasure) || !(a is IOther) || a is Doubler)
        {
            return "class/interface type tests";
        }
        if (b is IOther || !(b is IMeasure) || !(c is string) || c is Base)
        {
            return "negative type tests";
        }
        if (!(d is int[]))
        {
            return "int[] is not int[]";
        }
        if (!(d is Array) || !(d is object))
        {
            return "int[] is not an Array";
        }
        if (d is long[] || (d as string) != null || d is Base[])
        {
            return "int[] matched an unrelated type";
        }
        return null;
    }

    private static string? Spans()
    {
        byte[] data = new byte[64];
        Span<byte> span = data;
        span.Slice(8, 16).Fill(0xAB);
        Span<byte> local = stackalloc byte[32];
        local.Clear();
        span.Slice(8, 16).CopyTo(local.Slice(4));
        int sum = 0;
        foreach (byte b in local)
        {
            sum += b;
        }
        if (sum != 16 * 0xAB || data[7] != 0 || data[8] != 0xAB || data[24] != 0)
        {
            return "span fill/copy/slice gave wrong bytes";
        }
        fixed (byte* p = data)
        {
            p[63] = 5;
        }
        ReadOnlySpan<byte> tail = data.AsSpan(60);
        return tail.Length == 4 && tail[3] == 5 && tail.SequenceEqual(new byte[] { 0, 0, 0, 5 }) ? null : "fixed/AsSpan";
    }

    private struct Pair
    {
        public long Key;
        public int Value;
    }

    private static string? StructArrays()
    {
        Pair[] pairs = new Pair[10];
        for (int i = 0; i < pairs.Length; i++)
        {
            pairs[i].Key = (long)i << 40;
            pairs[i].Value = i * i;
        }
        Pair* p = stackalloc Pair[2];
        p[1] = pairs[9];
        return p[1].Key == 9L << 40 && p[1].Value == 81 && sizeof(Pair) == 16 ? null : "struct array contents";
    }

    private sealed class Box<T>
    {
        public T Value;
        public Box(T value) { Value = value; }
    }

    private static T Pick<T>(bool first, T a, T b) => first ? a : b;

    private static string? Generics()
    {
        Box<int> i = new Box<int>(41);
        Box<string> s = new Box<string>("generic");
        i.Value++;
        return i.Value == 42 && s.Value.Length == 7 && Pick(false, 1, 2) == 2 && Pick(true, "a", "b") == "a" ? null : "generic instantiation";
    }

    private static class Lazy
    {
        public static int Runs;
        public static readonly int Value = Compute();

        private static int Compute()
        {
            Runs++;
            return 1234;
        }
    }

    private static string? StaticConstructor()
    {
        int a = Lazy.Value, b = Lazy.Value;
        return a == 1234 && b == 1234 && Lazy.Runs == 1 ? null : "static constructor ran wrong number of times";
    }

    private static readonly uint[] s_primes = { 2, 3, 5, 7, 11, 13, 17, 19 };

    private static string? PreinitializedArray()
    {
        uint product = 1;
        for (int i = 0; i < s_primes.Length; i++)
        {
            product *= s_primes[i];
        }
        return product == 9699690u ? null : "preinitialized array contents";
    }

    private static string? Strings()
    {
        string a = "Lvbs", b = ".SecureKernel";
        string joined = a + b;
        if (joined.Length != 17 || joined != "Lvbs.SecureKernel" || joined[4] != '.')
        {
            return "concat/equality/indexer";
        }
        if ((-12345).ToString() != "-12345" || 18446744073709551615UL.ToString() != "18446744073709551615")
        {
            return "integer ToString";
        }
        return joined.StartsWith("Lvbs") && joined.Substring(5) == "SecureKernel" ? null : "StartsWith/Substring";
    }

    private static string? Arithmetic()
    {
        // Math.BigMul is boot.asm's lvbs_mul128 (one mul): both halves, edge and mixed operands.
        ulong x = 0xFFFF_FFFF_FFFF_FFFFUL;
        ulong high = Math.BigMul(x, x, out ulong low);
        if (high != 0xFFFF_FFFF_FFFF_FFFEUL || low != 1)
        {
            return "BigMul max·max";
        }
        if (Math.BigMul(0, x, out low) != 0 || low != 0 || Math.BigMul(1, x, out low) != 0 || low != x)
        {
            return "BigMul by 0 and 1";
        }
        if (Math.BigMul(0x1_0000_0000UL, 0x1_0000_0000UL, out low) != 1 || low != 0)
        {
            return "BigMul 2^32·2^32";
        }
        if (Math.BigMul(0x0123_4567_89AB_CDEFUL, 0xFEDC_BA98_7654_3210UL, out low) != 0x0121_FA00_AD77_D742UL || low != 0x2236_D88F_E561_8CF0UL)
        {
            return "BigMul mixed";
        }
        long q = -1_000_000_000_000L / 7, r = -1_000_000_000_000L % 7;
        if (q != -142857142857L || r != -1)
        {
            return "64-bit division";
        }
        int checkedSum = checked(int.MaxValue - 1 + 1);
        return checkedSum == int.MaxValue ? null : "checked arithmetic";
    }

    private static string? TryFinally()
    {
        int state = 0;
        try
        {
            state = 1;
        }
        finally
        {
            state *= 10;
        }
        return state == 10 ? null : "finally block did not run";
    }

    private static int Triple(int x) => x * 3;

    private static string? Delegates()
    {
        Func<int, int> staticDelegate = Triple;
        int captured = 5;
        Func<int, int> closure = x => x + captured;
        Box<int> box = new Box<int>(7);
        Func<int> instance = box.GetHashCode;
        delegate*<int, int> pointer = &Triple;
        return staticDelegate(2) == 6 && closure(1) == 6 && instance() == box.GetHashCode() && pointer(3) == 9 ? null : "delegate invocation";
    }

    private enum WireCommand : uint
    {
        Open = 1,
        Close = 2,
    }

    private static int Decode(WireCommand command) => command switch
    {
        WireCommand.Open => 10,
        WireCommand.Close => 20,
        _ => -1,
    };

    private static string? SwitchOnWireValue() =>
        Decode(WireCommand.Open) == 10 && Decode((WireCommand)77) == -1 ? null : "unknown wire value not rejected";
}
