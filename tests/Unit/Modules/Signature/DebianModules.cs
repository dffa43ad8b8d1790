using System;
using System.IO;

namespace Lvbs.Tests.Unit.Modules.Signature;

/// <summary>
/// The real Debian 6.1.0-56 test data (<c>../shared/data/debian-modules</c> relative to the
/// repository root; module-signatures.md §7), found by walking up from the test binaries.
/// </summary>
internal static class DebianModules
{
    private static string? s_root;

    /// <summary>The data folder.</summary>
    public static string Root => s_root ??= Locate();

    /// <summary>The 20 signed modules, sorted by name.</summary>
    public static string[] ModulePaths
    {
        get
        {
            string[] files = Directory.GetFiles(Path.Combine(Root, "modules"), "*.ko");
            Array.Sort(files, StringComparer.Ordinal);
            return files;
        }
    }

    /// <summary>The Debian module-signing certificate (DER).</summary>
    public static byte[] DebianCert => File.ReadAllBytes(Path.Combine(Root, "debian-6.1.0-56-signing_key.x509"));

    /// <summary>A file under the data folder.</summary>
    public static byte[] Read(string relative) => File.ReadAllBytes(Path.Combine(Root, relative));

    /// <summary>Full path of a file under the data folder.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string Locate()
    {
        string? env = Environment.GetEnvironmentVariable("LVBS_DEBIAN_MODULES");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
        {
            return env;
        }
        for (DirectoryInfo? d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "..", "shared", "data", "debian-modules");
            if (Directory.Exists(Path.Combine(candidate, "modules")))
            {
                return Path.GetFullPath(candidate);
            }
        }
        throw new DirectoryNotFoundException("../shared/data/debian-modules not found above " + AppContext.BaseDirectory);
    }
}
