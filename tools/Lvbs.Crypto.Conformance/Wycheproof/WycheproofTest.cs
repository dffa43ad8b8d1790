using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Lvbs.Crypto.Conformance.Wycheproof;

/// <summary>
/// One test case of a Wycheproof v1 file: the common fields (<c>tcId</c>, <c>comment</c>,
/// <c>flags</c>, <c>result</c>) parsed, every other field reachable by name, hex fields decoded.
/// </summary>
public sealed class WycheproofTest
{
    private readonly JsonElement _json;

    internal WycheproofTest(WycheproofGroup group, JsonElement json)
    {
        Group = group;
        _json = json;
        TcId = json.GetProperty("tcId").GetInt32();
        Comment = json.TryGetProperty("comment", out JsonElement c) ? c.GetString() ?? "" : "";
        var flags = new List<string>();
        if (json.TryGetProperty("flags", out JsonElement f))
        {
            foreach (JsonElement flag in f.EnumerateArray())
            {
                flags.Add(flag.GetString() ?? "");
            }
        }

        Flags = flags;
        Result = json.GetProperty("result").GetString() switch
        {
            "valid" => WycheproofResult.Valid,
            "invalid" => WycheproofResult.Invalid,
            "acceptable" => WycheproofResult.Acceptable,
            var other => throw new FormatException("unknown Wycheproof result '" + other + "' in tcId " + TcId),
        };
    }

    /// <summary>The group this test belongs to (its key, sizes and other shared parameters).</summary>
    public WycheproofGroup Group { get; }

    /// <summary>The test's identifier, unique within its file.</summary>
    public int TcId { get; }

    /// <summary>The free-text comment.</summary>
    public string Comment { get; }

    /// <summary>The flag names; their meanings are in the file's <c>notes</c>.</summary>
    public IReadOnlyList<string> Flags { get; }

    /// <summary>Whether the input must be accepted, rejected, or may be either.</summary>
    public WycheproofResult Result { get; }

    /// <summary>The raw JSON of the test, for fields this class does not model.</summary>
    public JsonElement Json => _json;

    /// <summary>True if the test has a field of that name.</summary>
    public bool Has(string name) => _json.TryGetProperty(name, out _);

    /// <summary>True if the test carries the given flag.</summary>
    public bool HasFlag(string flag)
    {
        foreach (string f in Flags)
        {
            if (f == flag)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A hex-encoded field, decoded (an empty string gives an empty array).</summary>
    public byte[] Hex(string name) => WycheproofFile.DecodeHex(_json.GetProperty(name), name, TcId);

    /// <summary>A string field.</summary>
    public string String(string name) => _json.GetProperty(name).GetString() ?? "";

    /// <summary>An integer field (e.g. HKDF's <c>size</c>).</summary>
    public int Int(string name) => _json.GetProperty(name).GetInt32();

    /// <inheritdoc/>
    public override string ToString() => Group.File.FileName + " tcId " + TcId + " (" + Comment + ")";
}
