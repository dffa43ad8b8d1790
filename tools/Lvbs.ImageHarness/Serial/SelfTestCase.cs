using System.Text.RegularExpressions;

namespace Lvbs.ImageHarness.Serial;

/// <summary>
/// One line of the in-image test protocol: <c>test NAME ... ok</c> or
/// <c>test NAME ... FAILED: reason</c>.
/// </summary>
/// <param name="Name">The case name.</param>
/// <param name="Passed">Whether the case passed.</param>
/// <param name="Reason">Why it failed; null when it passed.</param>
public sealed partial record SelfTestCase(string Name, bool Passed, string? Reason)
{
    /// <summary>Parses a case line; other lines yield null.</summary>
    public static SelfTestCase? TryParse(string line)
    {
        var m = CaseLine().Match(line);
        if (!m.Success)
        {
            return null;
        }

        return m.Groups[2].Value == "ok"
            ? new SelfTestCase(m.Groups[1].Value, true, null)
            : new SelfTestCase(m.Groups[1].Value, false, m.Groups[3].Value);
    }

    [GeneratedRegex(@"^test (\S+) \.\.\. (ok|FAILED)(?:: ?(.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex CaseLine();
}
