using System;

namespace Lvbs.Kernel.Heki.LogRing;

/// <summary>
/// Builds one ASCII log line in a caller-supplied buffer without allocating or formatting
/// (the freestanding runtime has no string formatting). Text past the buffer is dropped.
/// </summary>
public ref struct LogText
{
    private readonly Span<byte> _buffer;
    private int _length;

    /// <summary>Starts an empty line over <paramref name="buffer"/>.</summary>
    public LogText(Span<byte> buffer)
    {
        _buffer = buffer;
        _length = 0;
    }

    /// <summary>The text so far.</summary>
    public readonly ReadOnlySpan<byte> Text => _buffer.Slice(0, _length);

    /// <summary>Appends an ASCII literal.</summary>
    public void Add(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            Put((byte)text[i]);
        }
    }

    /// <summary>Appends raw bytes (a module or symbol name), replacing non-printable bytes with '?'.</summary>
    public void Add(ReadOnlySpan<byte> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            byte b = text[i];
            Put(b >= 0x20 && b < 0x7F ? b : (byte)'?');
        }
    }

    /// <summary>Appends a signed decimal number.</summary>
    public void Add(long value)
    {
        if (value < 0)
        {
            Put((byte)'-');
            AddUnsigned(0UL - (ulong)value);
            return;
        }

        AddUnsigned((ulong)value);
    }

    /// <summary>Appends "0x" and a hexadecimal number.</summary>
    public void AddHex(ulong value)
    {
        Put((byte)'0');
        Put((byte)'x');
        int shift = 60;
        while (shift > 0 && ((value >> shift) & 0xF) == 0)
        {
            shift -= 4;
        }

        for (; shift >= 0; shift -= 4)
        {
            int d = (int)((value >> shift) & 0xF);
            Put((byte)(d < 10 ? '0' + d : 'a' + d - 10));
        }
    }

    private void AddUnsigned(ulong value)
    {
        Span<byte> digits = stackalloc byte[20];
        int n = 0;
        do
        {
            digits[n++] = (byte)('0' + (int)(value % 10));
            value /= 10;
        }
        while (value != 0);

        while (n > 0)
        {
            Put(digits[--n]);
        }
    }

    private void Put(byte b)
    {
        if (_length < _buffer.Length)
        {
            _buffer[_length++] = b;
        }
    }
}
