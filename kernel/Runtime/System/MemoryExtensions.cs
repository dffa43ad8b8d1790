using System.Runtime.CompilerServices;

namespace System;

/// <summary>Span extension methods (the subset the kernel uses, with .NET's meaning).</summary>
public static class MemoryExtensions
{
    public static Span<T> AsSpan<T>(this T[]? array) => new Span<T>(array);

    public static Span<T> AsSpan<T>(this T[]? array, int start) =>
        array is null ? new Span<T>(array, start, 0) : new Span<T>(array, start, array.Length - start);

    public static Span<T> AsSpan<T>(this T[]? array, int start, int length) => new Span<T>(array, start, length);

    // C# 14 lowers the string-to-span conversion to this method, so it must not use that conversion.
    public static ReadOnlySpan<char> AsSpan(this string? text) =>
        text is null ? default : new ReadOnlySpan<char>(ref text.GetRawStringData(), text.Length);

    public static void CopyTo<T>(this T[]? source, Span<T> destination) => new ReadOnlySpan<T>(source).CopyTo(destination);

    public static bool SequenceEqual(this Span<byte> span, ReadOnlySpan<byte> other) => SequenceEqual((ReadOnlySpan<byte>)span, other);

    public static bool SequenceEqual(this ReadOnlySpan<byte> span, ReadOnlySpan<byte> other)
    {
        if (span.Length != other.Length)
        {
            return false;
        }
        for (int i = 0; i < span.Length; i++)
        {
            if (span[i] != other[i])
            {
                return false;
            }
        }
        return true;
    }

    public static bool SequenceEqual(this ReadOnlySpan<char> span, ReadOnlySpan<char> other)
    {
        if (span.Length != other.Length)
        {
            return false;
        }
        for (int i = 0; i < span.Length; i++)
        {
            if (span[i] != other[i])
            {
                return false;
            }
        }
        return true;
    }

    public static bool SequenceEqual(this ReadOnlySpan<uint> span, ReadOnlySpan<uint> other) =>
        SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(span), System.Runtime.InteropServices.MemoryMarshal.AsBytes(other));

    public static bool SequenceEqual(this ReadOnlySpan<ulong> span, ReadOnlySpan<ulong> other) =>
        SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(span), System.Runtime.InteropServices.MemoryMarshal.AsBytes(other));

    public static int IndexOf(this ReadOnlySpan<byte> span, byte value)
    {
        for (int i = 0; i < span.Length; i++)
        {
            if (span[i] == value)
            {
                return i;
            }
        }
        return -1;
    }

    public static int IndexOf(this Span<byte> span, byte value) => IndexOf((ReadOnlySpan<byte>)span, value);

    public static int IndexOf(this ReadOnlySpan<char> span, char value)
    {
        for (int i = 0; i < span.Length; i++)
        {
            if (span[i] == value)
            {
                return i;
            }
        }
        return -1;
    }

    public static bool StartsWith(this ReadOnlySpan<byte> span, ReadOnlySpan<byte> value) =>
        value.Length <= span.Length && SequenceEqual(span.Slice(0, value.Length), value);

    public static bool StartsWith(this ReadOnlySpan<char> span, ReadOnlySpan<char> value) =>
        value.Length <= span.Length && SequenceEqual(span.Slice(0, value.Length), value);

    public static void Reverse(this Span<byte> span)
    {
        for (int i = 0, j = span.Length - 1; i < j; i++, j--)
        {
            byte t = span[i];
            span[i] = span[j];
            span[j] = t;
        }
    }
}
