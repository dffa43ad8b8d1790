using System.Runtime.CompilerServices;

namespace System;

/// <summary>Memory helpers the compiler calls for block operations (ILCompiler contract).</summary>
internal static class SpanHelpers
{
    public static void Memmove(ref byte destination, ref byte source, nuint byteCount) =>
        Buffer.Memmove(ref destination, ref source, byteCount);

    public static unsafe void ClearWithoutReferences(ref byte b, nuint byteLength)
    {
        // SAFETY: the caller owns byteLength bytes at b.
        fixed (byte* p = &b)
        {
            Lvbs.Runtime.Native.MemorySet(p, 0, byteLength);
        }
    }

    public static unsafe void ClearWithReferences(ref nint ip, nuint pointerSizeLength) =>
        ClearWithoutReferences(ref Unsafe.As<nint, byte>(ref ip), pointerSizeLength * (nuint)sizeof(nint));

    public static unsafe void Fill(ref byte destination, byte value, nuint byteCount)
    {
        // SAFETY: the caller owns byteCount bytes at destination.
        fixed (byte* p = &destination)
        {
            Lvbs.Runtime.Native.MemorySet(p, value, byteCount);
        }
    }

    public static void Fill<T>(ref T destination, nuint count, T value)
    {
        for (nuint i = 0; i < count; i++)
        {
            Unsafe.Add(ref destination, i) = value;
        }
    }
}
