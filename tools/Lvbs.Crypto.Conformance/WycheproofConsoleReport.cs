using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Lvbs.Crypto.Conformance;

/// <summary>
/// The text report of <c>lvbs crypto wycheproof</c>: one line per file (name, family, vectors
/// passed/failed/skipped with the reasons for skips), an error line for a file that cannot be
/// run (unknown schema, unreadable), then <c>N passed, N failed</c> over all vectors.
/// </summary>
public static class WycheproofConsoleReport
{
    /// <summary>
    /// Runs the files with <paramref name="runner"/>, writing the report to <paramref name="output"/>.
    /// True only when no vector failed and every file could be run.
    /// </summary>
    public static bool Run(WycheproofRunner runner, IReadOnlyList<string> paths, bool verbose, TextWriter output)
    {
        int passed = 0, failed = 0, errors = 0;
        foreach (string path in paths)
        {
            FileReport report = runner.RunPath(path);
            if (report.Error != null)
            {
                errors++;
                output.WriteLine(report.FileName + ": error: " + report.Error);
                continue;
            }

            passed += report.Passed;
            failed += report.Failed;
            output.WriteLine(Line(report));
            if (verbose)
            {
                foreach (string f in report.Failures)
                {
                    output.WriteLine("  FAIL " + f);
                }
            }
        }

        if (errors > 0)
        {
            output.WriteLine(errors + (errors == 1 ? " file" : " files") + " could not be run");
        }

        output.WriteLine(passed + " passed, " + failed + " failed");
        return failed == 0 && errors == 0;
    }

    private static string Line(FileReport r)
    {
        var sb = new StringBuilder();
        sb.Append(r.FileName).Append(" (").Append(r.Family).Append("): ")
          .Append(r.Passed).Append(" passed, ").Append(r.Failed).Append(" failed, ").Append(r.Skipped).Append(" skipped");
        if (r.Skipped > 0)
        {
            sb.Append(" (");
            bool first = true;
            foreach (KeyValuePair<string, int> kv in r.SkipReasons)
            {
                sb.Append(first ? "" : "; ").Append(kv.Value).Append(": ").Append(kv.Key);
                first = false;
            }

            sb.Append(')');
        }

        if (r.Failed > 0 && r.Failures.Count > 0)
        {
            sb.Append(" - first failure: ").Append(r.Failures[0]);
        }

        return sb.ToString();
    }
}
