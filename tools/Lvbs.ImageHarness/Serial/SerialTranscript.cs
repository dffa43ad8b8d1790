using System;
using System.Collections.Generic;
using System.Linq;

namespace Lvbs.ImageHarness.Serial;

/// <summary>
/// Everything the image printed on its serial console during one boot, with lookups for the
/// lines the kernel's output protocol defines (banner, self-test lines, fault reports).
/// </summary>
public sealed class SerialTranscript
{
    /// <summary>The banner prefix; the rest of the line is the version and build id.</summary>
    public const string BannerPrefix = "Lvbs.SecureKernel ";

    /// <summary>Prefix of a panic report.</summary>
    public const string PanicPrefix = "panic:";

    /// <summary>Prefix of an unhandled-exception report (followed by <c>Type: message</c>).</summary>
    public const string UnhandledExceptionPrefix = "unhandled exception:";

    /// <summary>Wraps the captured lines.</summary>
    public SerialTranscript(IReadOnlyList<string> lines)
    {
        Lines = lines;
    }

    /// <summary>The lines, in order, without line endings.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The banner line, if printed.</summary>
    public string? Banner => FirstStartingWith(BannerPrefix);

    /// <summary>The last <c>N passed, N failed</c> line, parsed.</summary>
    public SelfTestSummary? Summary => Lines.Select(SelfTestSummary.TryParse).LastOrDefault(s => s is not null);

    /// <summary>Every self-test case line, parsed.</summary>
    public IReadOnlyList<SelfTestCase> Cases => Lines.Select(SelfTestCase.TryParse).OfType<SelfTestCase>().ToList();

    /// <summary>The first panic line, if any.</summary>
    public string? Panic => FirstStartingWith(PanicPrefix);

    /// <summary>The first unhandled-exception line, if any.</summary>
    public string? UnhandledException => FirstStartingWith(UnhandledExceptionPrefix);

    /// <summary>The first CPU exception report, parsed, with the indented lines after it.</summary>
    public CpuExceptionReport? CpuException
    {
        get
        {
            for (var i = 0; i < Lines.Count; i++)
            {
                if (CpuExceptionReport.TryParse(Lines[i]) is { } report)
                {
                    var details = Lines.Skip(i + 1).TakeWhile(l => l.Length > 0 && char.IsWhiteSpace(l[0])).Select(l => l.Trim()).ToList();
                    return report with { Details = details };
                }
            }

            return null;
        }
    }

    /// <summary>The first line starting with <paramref name="prefix"/> (ordinal).</summary>
    public string? FirstStartingWith(string prefix) =>
        Lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The whole transcript, one line per line, for assertion messages.</summary>
    public override string ToString() => string.Join('\n', Lines);
}
