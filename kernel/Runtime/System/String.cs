using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Internal.Runtime;

namespace System;

/// <summary>
/// An immutable UTF-16 string. The field names <c>_stringLength</c> and <c>_firstChar</c> are the
/// compiler's contract: literals are emitted as frozen objects with this layout.
/// </summary>
public sealed class String
{
    // Not a real static: the compiler emits `ldsfld String.Empty` for "" only when asked to.
    public static readonly string Empty = "";

    private readonly int _stringLength;
    private char _firstChar;

    // Constructors of string are implemented as static Ctor methods that the compiler calls instead.
#pragma warning disable CS0824
    public extern String(ReadOnlySpan<char> value);

    public extern String(char c, int count);
#pragma warning restore CS0824

    private static string Ctor(ReadOnlySpan<char> value)
    {
        string result = FastAllocateString(value.Length);
        value.CopyTo(new Span<char>(ref result._firstChar, value.Length));
        return result;
    }

    private static string Ctor(char c, int count)
    {
        if (count < 0)
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        string result = FastAllocateString(count);
        new Span<char>(ref result._firstChar, count).Fill(c);
        return result;
    }

    public int Length => _stringLength;

    [IndexerName("Chars")]
    public char this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_stringLength)
            {
                ThrowHelpers.ThrowIndexOutOfRangeException();
            }
            return Unsafe.Add(ref _firstChar, index);
        }
    }

    public ref readonly char GetPinnableReference() => ref _firstChar;

    internal ref char GetRawStringData() => ref _firstChar;

    public static implicit operator ReadOnlySpan<char>(string? value) => MemoryExtensions.AsSpan(value);

    public ReadOnlySpan<char> AsSpan() => new ReadOnlySpan<char>(ref _firstChar, _stringLength);

    internal static unsafe string FastAllocateString(int length)
    {
        if (length == 0)
        {
            return Empty;
        }
        return Unsafe.As<string>(Allocator.AllocateArray(MethodTable.Of<string>(), length));
    }

    public static string FromChar(char c)
    {
        string result = FastAllocateString(1);
        result._firstChar = c;
        return result;
    }

    public static string Concat(string? str0, string? str1)
    {
        ReadOnlySpan<char> a = str0, b = str1;
        if (a.Length + b.Length == 0)
        {
            return Empty;
        }
        string result = FastAllocateString(checked(a.Length + b.Length));
        Span<char> dest = new Span<char>(ref result._firstChar, result._stringLength);
        a.CopyTo(dest);
        b.CopyTo(dest.Slice(a.Length));
        return result;
    }

    public static string Concat(string? str0, string? str1, string? str2) => Concat(Concat(str0, str1), str2);

    public static string Concat(string? str0, string? str1, string? str2, string? str3) =>
        Concat(Concat(str0, str1), Concat(str2, str3));

    public static string Concat(params string?[] values)
    {
        string result = Empty;
        for (int i = 0; i < values.Length; i++)
        {
            result = Concat(result, values[i]);
        }
        return result;
    }

    public static string Concat(object? arg0, object? arg1) => Concat(arg0?.ToString(), arg1?.ToString());

    public static string Concat(object? arg0, object? arg1, object? arg2) =>
        Concat(arg0?.ToString(), arg1?.ToString(), arg2?.ToString());

    public static bool Equals(string? a, string? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        if (a is null || b is null || a._stringLength != b._stringLength)
        {
            return false;
        }
        return a.AsSpan().SequenceEqual(b.AsSpan());
    }

    public static bool operator ==(string? a, string? b) => Equals(a, b);

    public static bool operator !=(string? a, string? b) => !Equals(a, b);

    public override bool Equals(object? obj) => obj is string s && Equals(this, s);

    public bool Equals(string? value) => Equals(this, value);

    // FNV-1a: deterministic, which is what a kernel wants (no per-boot randomisation source yet).
    public override int GetHashCode()
    {
        uint hash = 2166136261;
        for (int i = 0; i < _stringLength; i++)
        {
            hash = (hash ^ Unsafe.Add(ref _firstChar, i)) * 16777619;
        }
        return (int)hash;
    }

    public bool StartsWith(string value) =>
        value._stringLength <= _stringLength && AsSpan().Slice(0, value._stringLength).SequenceEqual(value.AsSpan());

    public string Substring(int startIndex) => Substring(startIndex, _stringLength - startIndex);

    public string Substring(int startIndex, int length) => new string(AsSpan().Slice(startIndex, length));

    public override string ToString() => this;
}
