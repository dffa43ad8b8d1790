using System;
using System.Collections.Generic;
using System.Text;

namespace Lvbs.ImageHarness.Serial;

/// <summary>
/// Turns the raw serial byte stream into lines as bytes arrive. Accepts <c>\n</c> and
/// <c>\r\n</c> endings (a UART console usually sends the latter) and drops other control
/// bytes except tab, so a misbehaving kernel cannot corrupt the host terminal.
/// </summary>
public sealed class SerialLineSplitter
{
    private readonly StringBuilder _pending = new();

    /// <summary>Feeds bytes; returns the lines they completed (without line endings).</summary>
    public IReadOnlyList<string> Feed(ReadOnlySpan<byte> bytes)
    {
        List<string>? lines = null;
        foreach (var b in bytes)
        {
            if (b == (byte)'\n')
            {
                (lines ??= []).Add(_pending.ToString());
                _pending.Clear();
            }
            else if (b == (byte)'\t' || b >= 0x20 && b < 0x7F)
            {
                _pending.Append((char)b);
            }
            else if (b >= 0x80)
            {
                // The kernel prints ASCII; show anything else visibly rather than guess an encoding.
                _pending.Append('\uFFFD');
            }
        }

        return lines ?? (IReadOnlyList<string>)Array.Empty<string>();
    }

    /// <summary>The unterminated tail, if any (call once the stream has ended).</summary>
    public string? Flush()
    {
        if (_pending.Length == 0)
        {
            return null;
        }

        var tail = _pending.ToString();
        _pending.Clear();
        return tail;
    }
}
