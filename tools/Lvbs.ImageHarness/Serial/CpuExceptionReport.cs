using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Lvbs.ImageHarness.Serial;

/// <summary>
/// The kernel's report of a CPU exception: a line starting <c>cpu exception:</c> that names the
/// vector, RIP, CR2 and error code as <c>key=value</c> or <c>key value</c> pairs (values in
/// hex with <c>0x</c>, or decimal). Fields the line does not carry are null. Indented lines
/// that follow it (the kernel's explanation, e.g. "stack guard page hit", and registers) are
/// kept as <see cref="Details"/>.
/// </summary>
/// <param name="Line">The whole line, for messages and free-text checks.</param>
/// <param name="Vector">The exception vector (14 is a page fault).</param>
/// <param name="Rip">The faulting instruction pointer.</param>
/// <param name="Cr2">The faulting linear address (page faults).</param>
/// <param name="ErrorCode">The error code the CPU pushed, if any.</param>
public sealed partial record CpuExceptionReport(string Line, ulong? Vector, ulong? Rip, ulong? Cr2, ulong? ErrorCode)
{
    /// <summary>The prefix that marks the report line.</summary>
    public const string Prefix = "cpu exception:";

    /// <summary>The page-fault vector (#PF).</summary>
    public const ulong PageFaultVector = 14;

    /// <summary>The indented lines printed right after the report line.</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    /// <summary>The report line and its details, one per line, for free-text checks.</summary>
    public string Text => Details.Count == 0 ? Line : Line + "\n" + string.Join('\n', Details);

    /// <summary>True if the vector is 14 or the line names a page fault.</summary>
    public bool IsPageFault =>
        Vector == PageFaultVector
        || Line.Contains("#PF", StringComparison.Ordinal)
        || Line.Contains("page fault", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a report line; lines without the prefix yield null.</summary>
    public static CpuExceptionReport? TryParse(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        ulong? vector = null, rip = null, cr2 = null, error = null;
        foreach (Match m in Field().Matches(line))
        {
            var value = ParseNumber(m.Groups["value"].Value);
            switch (m.Groups["key"].Value.ToLowerInvariant())
            {
                case "vector" or "vec":
                    vector ??= value;
                    break;
                case "rip":
                    rip ??= value;
                    break;
                case "cr2":
                    cr2 ??= value;
                    break;
                default:
                    error ??= value;
                    break;
            }
        }

        return new CpuExceptionReport(line, vector, rip, cr2, error);
    }

    private static ulong? ParseNumber(string text)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) ? hex : null;
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var dec) ? dec : null;
    }

    [GeneratedRegex(@"\b(?<key>vector|vec|rip|cr2|error code|error|err|ec)\s*[=:]?\s*(?<value>0[xX][0-9a-fA-F]+|\d+)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Field();
}
