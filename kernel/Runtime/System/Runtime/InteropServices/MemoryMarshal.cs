using System.Runtime.CompilerServices;

namespace System.Runtime.InteropServices;

/// <summary>Low-level span reinterpretation, as in .NET.</summary>
public static unsafe class MemoryMarshal
{
    public static ref T GetReference<T>(Span<T> span) => ref span._reference;

    public static ref T GetReference<T>(ReadOnlySpan<T> span) => ref span._reference;

    public static ref T GetArrayDataReference<T>(T[] array) => ref Unsafe.As<byte, T>(ref array.GetRawArrayData());

    public static Span<T> CreateSpan<T>(scoped ref T reference, int length) => new Span<T>(ref Unsafe.AsRef(in reference), length);

    public static ReadOnlySpan<T> CreateReadOnlySpan<T>(scoped ref readonly T reference, int length) =>
        new ReadOnlySpan<T>(ref Unsafe.AsRef(in reference), length);

    public static Span<byte> AsBytes<T>(Span<T> span) where T : struct =>
        new Span<byte>(ref Unsafe.As<T, byte>(ref span._reference), checked(span.Length * Unsafe.SizeOf<T>()));

    public static ReadOnlySpan<byte> AsBytes<T>(ReadOnlySpan<T> span) where T : struct =>
        new ReadOnlySpan<byte>(ref Unsafe.As<T, byte>(ref span._reference), checked(span.Length * Unsafe.SizeOf<T>()));

    public static Span<TTo> Cast<TFrom, TTo>(Span<TFrom> span) where TFrom : struct where TTo : struct =>
        new Span<TTo>(ref Unsafe.As<TFrom, TTo>(ref span._reference), (int)((ulong)span.Length * (ulong)Unsafe.SizeOf<TFrom>() / (ulong)Unsafe.SizeOf<TTo>()));

    public static ReadOnlySpan<TTo> Cast<TFrom, TTo>(ReadOnlySpan<TFrom> span) where TFrom : struct where TTo : struct =>
        new ReadOnlySpan<TTo>(ref Unsafe.As<TFrom, TTo>(ref span._reference), (int)((ulong)span.Length * (ulong)Unsafe.SizeOf<TFrom>() / (ulong)Unsafe.SizeOf<TTo>()));

    public static T Read<T>(ReadOnlySpan<byte> source) where T : struct
    {
        if (Unsafe.SizeOf<T>() > source.Length)
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        return Unsafe.ReadUnaligned<T>(ref source._reference);
    }

    public static bool TryRead<T>(ReadOnlySpan<byte> source, out T value) where T : struct
    {
        if (Unsafe.SizeOf<T>() > source.Length)
        {
            value = default;
            return false;
        }
        value = Unsafe.ReadUnaligned<T>(ref source._reference);
        return true;
    }

    public static void Write<T>(Span<byte> destination, in T value) where T : struct
    {
        if (Unsafe.SizeOf<T>() > destination.Length)
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        Unsafe.WriteUnaligned(ref destination._reference, value);
    }

    public static bool TryWrite<T>(Span<byte> destination, in T value) where T : struct
    {
        if (Unsafe.SizeOf<T>() > destination.Length)
        {
            return false;
        }
        Unsafe.WriteUnaligned(ref destination._reference, value);
        return true;
    }

    public static ref T AsRef<T>(Span<byte> span) where T : struct
    {
        if (Unsafe.SizeOf<T>() > span.Length)
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        return ref Unsafe.As<byte, T>(ref span._reference);
    }
}
