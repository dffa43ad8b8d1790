using System.Text.RegularExpressions;

namespace Lvbs.ImageHarness.Serial;

/// <summary>
/// The closing line of the in-image test protocol, exactly <c>N passed, N failed</c>.
/// </summary>
/// <param name="Passed">Cases that printed <c>... ok</c>.</param>
/// <param name="Failed">Cases that printed <c>... FAILED: reason</c>.</param>
public sealed partial record SelfTestSummary(int Passed, int Failed)
{
    /// <summary>Parses a whole line; anything but the exact closing format yields null.</summary>
    public static SelfTestSummary? TryParse(string line)
    {
        var m = SummaryLine().Match(line);
        if (!m.Success
            || !int.TryParse(m.Groups[1].ValueSpan, out var passed)
            || !int.TryParse(m.Groups[2].ValueSpan, out var failed))
        {
            return null;
        }

        return new SelfTestSummary(passed, failed);
    }

    [GeneratedRegex(@"^(\d+) passed, (\d+) failed$", RegexOptions.CultureInvariant)]
    private static partial Regex SummaryLine();
}
