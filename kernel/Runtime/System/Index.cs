namespace System;

/// <summary>An index from the start or the end of a sequence (C# <c>^n</c>).</summary>
public readonly struct Index
{
    private readonly int _value;

    public Index(int value, bool fromEnd = false)
    {
        if (value < 0)
        {
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        }
        _value = fromEnd ? ~value : value;
    }

    private Index(int value, int unused) { _value = value; }

    public static Index Start => new Index(0, 0);

    public static Index End => new Index(~0, 0);

    public static Index FromStart(int value) => new Index(value);

    public static Index FromEnd(int value) => new Index(value, true);

    public int Value => _value < 0 ? ~_value : _value;

    public bool IsFromEnd => _value < 0;

    public int GetOffset(int length) => _value < 0 ? length + _value + 1 : _value;

    public static implicit operator Index(int value) => FromStart(value);
}

/// <summary>A range of indices (C# <c>a..b</c>).</summary>
public readonly struct Range
{
    public Index Start { get; }

    public Index End { get; }

    public Range(Index start, Index end)
    {
        Start = start;
        End = end;
    }

    public static Range StartAt(Index start) => new Range(start, Index.End);

    public static Range EndAt(Index end) => new Range(Index.Start, end);

    public static Range All => new Range(Index.Start, Index.End);
}
