using System;
using System.IO;

namespace Lvbs.Tests.Integration.Heki;

/// <summary>The Debian module test data (../shared/data/debian-modules from the repository root).</summary>
internal static class HekiTestData
{
    private static string? s_root;

    public static string Root => s_root ??= Locate();

    public static byte[] Read(string relative) => File.ReadAllBytes(Path.Combine(Root, relative));

    public static byte[] DebianCert => Read("debian-6.1.0-56-signing_key.x509");

    private static string Locate()
    {
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
