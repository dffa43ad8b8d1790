using System.Collections.Generic;

namespace Lvbs.Crypto.Conformance;

/// <summary>The outcome of running one Wycheproof file.</summary>
public sealed class FileReport
{
    /// <summary>Creates an empty report for <paramref name="fileName"/>.</summary>
    public FileReport(string fileName, WycheproofFamily family)
    {
        FileName = fileName;
        Family = family;
    }

    /// <summary>The file's name.</summary>
    public string FileName { get; }

    /// <summary>The family detected from the schema.</summary>
    public WycheproofFamily Family { get; }

    /// <summary>Set when the file could not be run at all (unknown schema, unreadable file).</summary>
    public string? Error { get; set; }

    /// <summary>Vectors whose outcome conforms to their <c>result</c>.</summary>
    public int Passed { get; set; }

    /// <summary>Vectors whose outcome does not conform.</summary>
    public int Failed { get; set; }

    /// <summary>Vectors not run.</summary>
    public int Skipped { get; set; }

    /// <summary>Skip counts by reason.</summary>
    public SortedDictionary<string, int> SkipReasons { get; } = new(System.StringComparer.Ordinal);

    /// <summary>One line per failed vector (tcId, comment, flags, expected, got).</summary>
    public List<string> Failures { get; } = new();
}
