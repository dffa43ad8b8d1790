using System.Runtime.CompilerServices;

namespace System;

/// <summary>Raw memory copies. The collector never moves objects, so copying references needs no barrier.</summary>
public static class Buffer
{
    internal static unsafe void Memmove(ref byte destination, ref byte source, nuint byteCount)
    {
        // SAFETY: callers pass references into buffers they own of at least byteCount bytes;
        // the assembly routine handles overlap in both directions.
        fixed (byte* d = &destination)
        fixed (byte* s = &source)
        {
            Lvbs.Runtime.Native.MemoryMove(d, s, byteCount);
        }
    }

    internal static void Memmove<T>(ref T destination, ref T source, nuint elementCount) =>
        Memmove(ref Unsafe.As<T, byte>(ref destination), ref Unsafe.As<T, byte>(ref source), elementCount * (nuint)Unsafe.SizeOf<T>());

    // ILCompiler contract: used for struct copies that contain references.
    internal static void BulkMoveWithWriteBarrier(ref byte destination, ref byte source, nuint byteCount) =>
        Memmove(ref destination, ref source, byteCount);

    public static unsafe void MemoryCopy(void* source, void* destination, long destinationSizeInBytes, long sourceBytesToCopy)
    {
        if (sourceBytesToCopy > destinationSizeInBytes)
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        // SAFETY: the caller vouches for both pointers, as in .NET.
        Lvbs.Runtime.Native.MemoryMove((byte*)destination, (byte*)source, (nuint)sourceBytesToCopy);
    }
}
