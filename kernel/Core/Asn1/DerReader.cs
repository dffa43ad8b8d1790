using System;

namespace Lvbs.Kernel.Asn1;

/// <summary>
/// A forward-only reader over DER (ITU-T X.690 §8 basic rules restricted by §10): low-tag-number
/// identifiers only, definite lengths in their shortest form, lengths bounded by the remaining
/// input. Every Try method either succeeds and advances past exactly one element, or returns a
/// status and consumes nothing. Nested readers carry a depth so a hostile input cannot make a
/// walker recurse without bound.
/// </summary>
public ref struct DerReader
{
    /// <summary>Deepest nesting <see cref="TryEnter"/> allows (X.509 and PKCS#7 need under 12).</summary>
    public const int MaxDepth = 24;

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _depth;
    private int _offset;

    /// <summary>A reader over a complete encoding, at depth 0.</summary>
    public DerReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _depth = 0;
        _offset = 0;
    }

    private DerReader(ReadOnlySpan<byte> data, int depth)
    {
        _data = data;
        _depth = depth;
        _offset = 0;
    }

    /// <summary>True while unread bytes remain.</summary>
    public readonly bool HasData => _offset < _data.Length;

    /// <summary>The nesting depth of this reader (0 for the outermost).</summary>
    public readonly int Depth => _depth;

    /// <summary>The unread bytes.</summary>
    public readonly ReadOnlySpan<byte> Remaining => _data.Slice(_offset);

    /// <summary>
    /// Decodes the identifier and length octets at the start of input (§8.1.2, §8.1.3, §10.1).
    /// On success contentLength ≤ input.Length - headerLength, so slicing cannot overflow.
    /// </summary>
    public static DerStatus TryReadHeader(ReadOnlySpan<byte> input, out byte tag, out int headerLength, out int contentLength)
    {
        tag = 0;
        headerLength = 0;
        contentLength = 0;
        if (input.Length < 2)
        {
            return DerStatus.Truncated;
        }
        byte t = input[0];
        if ((t & 0x1F) == 0x1F)
        {
            return DerStatus.HighTagNumber; // §8.1.2.4: never used by the grammars we accept
        }
        int first = input[1];
        int header;
        long length;
        if (first < 0x80)
        {
            header = 2;
            length = first; // §8.1.3.4 short form
        }
        else if (first == 0x80)
        {
            return DerStatus.IndefiniteLength; // §10.1: DER uses the definite form only
        }
        else if (first == 0xFF)
        {
            return DerStatus.NonMinimalLength; // §8.1.3.5 c: reserved
        }
        else
        {
            int count = first & 0x7F;
            if (count > 4)
            {
                return DerStatus.LengthTooLarge; // > 2^32 - 1: larger than any input we accept
            }
            if (input.Length < 2 + count)
            {
                return DerStatus.Truncated;
            }
            if (input[2] == 0)
            {
                return DerStatus.NonMinimalLength; // §10.1: leading zero length octet
            }
            length = 0;
            for (int i = 0; i < count; i++)
            {
                length = (length << 8) | input[2 + i];
            }
            if (length < 0x80)
            {
                return DerStatus.NonMinimalLength; // §10.1: short form was possible
            }
            header = 2 + count;
        }
        if (length > input.Length - header)
        {
            return length > int.MaxValue ? DerStatus.LengthTooLarge : DerStatus.Truncated;
        }
        tag = t;
        headerLength = header;
        contentLength = (int)length;
        return DerStatus.Ok;
    }

    /// <summary>The identifier octet of the next element without consuming it.</summary>
    public readonly DerStatus TryPeekTag(out byte tag)
    {
        tag = 0;
        if (_offset >= _data.Length)
        {
            return DerStatus.Truncated;
        }
        tag = _data[_offset];
        return DerStatus.Ok;
    }

    /// <summary>True when the next element exists and has the given identifier octet.</summary>
    public readonly bool NextIs(byte tag) => _offset < _data.Length && _data[_offset] == tag;

    /// <summary>Reads the next element whatever its tag.</summary>
    public DerStatus TryRead(out DerElement element)
    {
        element = default;
        ReadOnlySpan<byte> rest = _data.Slice(_offset);
        DerStatus s = TryReadHeader(rest, out byte tag, out int header, out int length);
        if (s != DerStatus.Ok)
        {
            return s;
        }
        element = new DerElement(tag, rest.Slice(0, header + length), header);
        _offset += header + length;
        return DerStatus.Ok;
    }

    /// <summary>Reads the next element, which must carry the given identifier octet.</summary>
    public DerStatus TryReadExpected(byte tag, out DerElement element)
    {
        element = default;
        if (_offset >= _data.Length)
        {
            return DerStatus.Truncated;
        }
        if (_data[_offset] != tag)
        {
            return DerStatus.UnexpectedTag;
        }
        return TryRead(out element);
    }

    /// <summary>Reads the contents of the next element, which must carry the given tag.</summary>
    public DerStatus TryReadContent(byte tag, out ReadOnlySpan<byte> content)
    {
        content = default;
        DerStatus s = TryReadExpected(tag, out DerElement e);
        if (s == DerStatus.Ok)
        {
            content = e.Content;
        }
        return s;
    }

    /// <summary>
    /// Opens the next element (which must have the given constructed tag) as a nested reader one
    /// level deeper. Fails with <see cref="DerStatus.TooDeep"/> beyond <see cref="MaxDepth"/>.
    /// </summary>
    public DerStatus TryEnter(byte tag, out DerReader inner)
    {
        inner = default;
        if ((tag & DerTag.ConstructedBit) == 0)
        {
            return DerStatus.UnexpectedTag;
        }
        if (_depth + 1 > MaxDepth)
        {
            return DerStatus.TooDeep;
        }
        DerStatus s = TryReadExpected(tag, out DerElement e);
        if (s != DerStatus.Ok)
        {
            return s;
        }
        inner = new DerReader(e.Content, _depth + 1);
        return DerStatus.Ok;
    }

    /// <summary>Skips the next element whatever it is.</summary>
    public DerStatus TrySkip() => TryRead(out _);

    /// <summary>
    /// Reads an INTEGER's contents: at least one octet, and the first nine bits not all equal
    /// (§8.3.2: minimal two's complement). Negative values are allowed here; callers that need
    /// a natural number check the sign bit.
    /// </summary>
    public DerStatus TryReadInteger(out ReadOnlySpan<byte> content)
    {
        content = default;
        ReadOnlySpan<byte> rest = _data.Slice(_offset);
        DerStatus s = TryReadHeader(rest, out byte tag, out int header, out int length);
        if (s != DerStatus.Ok)
        {
            return s;
        }
        if (tag != DerTag.Integer)
        {
            return DerStatus.UnexpectedTag;
        }
        ReadOnlySpan<byte> c = rest.Slice(header, length);
        if (!IsMinimalInteger(c))
        {
            return DerStatus.InvalidValue;
        }
        content = c;
        _offset += header + length;
        return DerStatus.Ok;
    }

    /// <summary>Reads a non-negative INTEGER that fits in 31 bits (version fields).</summary>
    public DerStatus TryReadSmallInteger(out int value)
    {
        value = 0;
        DerReader probe = this;
        DerStatus s = probe.TryReadInteger(out ReadOnlySpan<byte> c);
        if (s != DerStatus.Ok)
        {
            return s;
        }
        if ((c[0] & 0x80) != 0 || c.Length > 4)
        {
            return DerStatus.InvalidValue;
        }
        int v = 0;
        for (int i = 0; i < c.Length; i++)
        {
            v = (v << 8) | c[i];
        }
        value = v;
        this = probe;
        return DerStatus.Ok;
    }

    /// <summary>
    /// Reads an OBJECT IDENTIFIER's contents: non-empty, each subidentifier minimal (no leading
    /// 0x80 octet, §8.19.2) and the last octet terminating one.
    /// </summary>
    public DerStatus TryReadOid(out ReadOnlySpan<byte> content)
    {
        content = default;
        DerReader probe = this;
        DerStatus s = probe.TryReadContent(DerTag.ObjectIdentifier, out ReadOnlySpan<byte> c);
        if (s != DerStatus.Ok)
        {
            return s;
        }
        if (c.Length == 0 || (c[c.Length - 1] & 0x80) != 0)
        {
            return DerStatus.InvalidValue;
        }
        bool startOfSub = true;
        for (int i = 0; i < c.Length; i++)
        {
            if (startOfSub && c[i] == 0x80)
            {
                return DerStatus.InvalidValue;
            }
            startOfSub = (c[i] & 0x80) == 0;
        }
        content = c;
        this = probe;
        return DerStatus.Ok;
    }

    /// <summary>Reads a NULL, whose contents must be empty (§8.8.2).</summary>
    public DerStatus TryReadNull()
    {
        DerReader probe = this;
        DerStatus s = probe.TryReadContent(DerTag.Null, out ReadOnlySpan<byte> c);
        if (s != DerStatus.Ok)
        {
            return s;
        }
        if (c.Length != 0)
        {
            return DerStatus.InvalidValue;
        }
        this = probe;
        return DerStatus.Ok;
    }

    /// <summary>Reads a BOOLEAN: one octet, 0x00 or 0xFF (DER §11.1).</summary>
    public DerStatus TryReadBoolean(out bool value)
    {
        value = false;
        DerReader probe = this;
        DerStatus s = probe.TryReadContent(DerTag.Boolean, out ReadOnlySpan<byte> c);
        if (s != DerStatus.Ok)
        {
            return s;
        }
        if (c.Length != 1 || (c[0] != 0 && c[0] != 0xFF))
        {
            return DerStatus.InvalidValue;
        }
        value = c[0] != 0;
        this = probe;
        return DerStatus.Ok;
    }

    /// <summary>
    /// Reads a BIT STRING that holds whole octets (keys and signatures): the initial octet, the
    /// count of unused bits, must be 0 (§8.6.2).
    /// </summary>
    public DerStatus TryReadBitStringOctets(out ReadOnlySpan<byte> octets)
    {
        octets = default;
        DerReader probe = this;
        DerStatus s = probe.TryReadContent(DerTag.BitString, out ReadOnlySpan<byte> c);
        if (s != DerStatus.Ok)
        {
            return s;
        }
        if (c.Length == 0 || c[0] != 0)
        {
            return DerStatus.InvalidValue;
        }
        octets = c.Slice(1);
        this = probe;
        return DerStatus.Ok;
    }

    /// <summary>Succeeds only when every byte has been read.</summary>
    public readonly DerStatus ExpectEnd() => _offset == _data.Length ? DerStatus.Ok : DerStatus.TrailingData;

    /// <summary>§8.3.2: an INTEGER is non-empty and its first nine bits are not all 0 or all 1.</summary>
    public static bool IsMinimalInteger(ReadOnlySpan<byte> c)
    {
        if (c.Length == 0)
        {
            return false;
        }
        if (c.Length > 1)
        {
            if (c[0] == 0x00 && (c[1] & 0x80) == 0)
            {
                return false;
            }
            if (c[0] == 0xFF && (c[1] & 0x80) != 0)
            {
                return false;
            }
        }
        return true;
    }
}
