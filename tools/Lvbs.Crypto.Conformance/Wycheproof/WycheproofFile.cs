using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Lvbs.Crypto.Conformance.Wycheproof;

/// <summary>
/// A Wycheproof v1 vector file (<c>*_test.json</c>) loaded with System.Text.Json, from a path or
/// from the shared data directory (<c>../shared/data/wycheproof</c> relative to the repository
/// root). Shared by <c>lvbs crypto wycheproof</c> and the unit tests.
/// </summary>
public sealed class WycheproofFile
{
    private static string? s_directory;

    private WycheproofFile(string fileName, JsonElement root)
    {
        FileName = fileName;
        Algorithm = root.GetProperty("algorithm").GetString() ?? "";
        Schema = root.TryGetProperty("schema", out JsonElement s) ? s.GetString() ?? "" : "";
        NumberOfTests = root.GetProperty("numberOfTests").GetInt32();
        var groups = new List<WycheproofGroup>();
        foreach (JsonElement group in root.GetProperty("testGroups").EnumerateArray())
        {
            groups.Add(new WycheproofGroup(this, group));
        }

        Groups = groups;
    }

    /// <summary>The file name, e.g. <c>aes_gcm_test.json</c>.</summary>
    public string FileName { get; }

    /// <summary>The file's <c>algorithm</c> field, e.g. <c>AES-GCM</c>.</summary>
    public string Algorithm { get; }

    /// <summary>The schema name, e.g. <c>aead_test_schema_v1.json</c>.</summary>
    public string Schema { get; }

    /// <summary>The declared test count (checked against the tests actually present by <see cref="Load"/>).</summary>
    public int NumberOfTests { get; }

    /// <summary>The test groups, in file order.</summary>
    public IReadOnlyList<WycheproofGroup> Groups { get; }

    /// <summary>All tests of all groups, in file order.</summary>
    public IEnumerable<WycheproofTest> AllTests
    {
        get
        {
            foreach (WycheproofGroup g in Groups)
            {
                foreach (WycheproofTest t in g.Tests)
                {
                    yield return t;
                }
            }
        }
    }

    /// <summary>
    /// The Wycheproof data directory: found by walking up from the test assembly's directory
    /// to the repository root (the folder holding <c>Lvbs.SecureKernel.sln</c>) and taking
    /// <c>../shared/data/wycheproof</c> from there; the environment variable
    /// <c>LVBS_WYCHEPROOF_DIR</c> overrides the search.
    /// </summary>
    public static string DataDirectory => s_directory ??= FindDataDirectory();

    /// <summary>Loads a file by name (e.g. <c>"aes_gcm_test.json"</c>) from <see cref="DataDirectory"/>.</summary>
    public static WycheproofFile Load(string fileName) => LoadPath(Path.Combine(DataDirectory, fileName));

    /// <summary>
    /// Loads a file from a path. Throws <see cref="IOException"/> if it cannot be read,
    /// <see cref="JsonException"/> if it is not JSON, and <see cref="FormatException"/> or
    /// <see cref="KeyNotFoundException"/> if it lacks the v1 fields or its test count is wrong.
    /// </summary>
    public static WycheproofFile LoadPath(string path)
    {
        string fileName = Path.GetFileName(path);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
        // Clone so the elements outlive the document.
        var file = new WycheproofFile(fileName, doc.RootElement.Clone());
        int count = 0;
        foreach (WycheproofGroup g in file.Groups)
        {
            count += g.Tests.Count;
        }

        if (count != file.NumberOfTests)
        {
            throw new FormatException(fileName + ": numberOfTests says " + file.NumberOfTests + " but " + count + " tests present");
        }

        return file;
    }

    internal static byte[] DecodeHex(JsonElement element, string name, int tcId)
    {
        string hex = element.GetString() ?? throw new FormatException("field '" + name + "' is not a string (tcId " + tcId + ")");
        // Convert.FromHexString rejects odd lengths and non-hex characters, so a corrupted
        // file fails loudly instead of feeding truncated input to the code under test.
        return Convert.FromHexString(hex);
    }

    private static string FindDataDirectory()
    {
        // An explicit override for test hosts built outside the repository tree.
        string? overrideDir = Environment.GetEnvironmentVariable("LVBS_WYCHEPROOF_DIR");
        if (!string.IsNullOrEmpty(overrideDir) && Directory.Exists(overrideDir))
        {
            return overrideDir;
        }

        string? dir = AppContext.BaseDirectory;
        while (dir != null)
        {
            if (File.Exists(Path.Combine(dir, "Lvbs.SecureKernel.sln")))
            {
                string candidate = Path.GetFullPath(Path.Combine(dir, "..", "shared", "data", "wycheproof"));
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            dir = Path.GetDirectoryName(dir.TrimEnd(Path.DirectorySeparatorChar));
        }

        throw new DirectoryNotFoundException("../shared/data/wycheproof not found above " + AppContext.BaseDirectory);
    }
}
