using System.Collections.Generic;
using System.Text.Json;

namespace Lvbs.Crypto.Conformance.Wycheproof;

/// <summary>
/// One <c>testGroups</c> entry of a Wycheproof v1 file: shared parameters (key size, IV size,
/// public key, hash name...) reachable by name, and its tests.
/// </summary>
public sealed class WycheproofGroup
{
    private readonly JsonElement _json;

    internal WycheproofGroup(WycheproofFile file, JsonElement json)
    {
        File = file;
        _json = json;
        Type = json.TryGetProperty("type", out JsonElement t) ? t.GetString() ?? "" : "";
        var tests = new List<WycheproofTest>();
        foreach (JsonElement test in json.GetProperty("tests").EnumerateArray())
        {
            tests.Add(new WycheproofTest(this, test));
        }

        Tests = tests;
    }

    /// <summary>The file the group came from.</summary>
    public WycheproofFile File { get; }

    /// <summary>The group's <c>type</c> (e.g. <c>AeadTest</c>, <c>MacTest</c>).</summary>
    public string Type { get; }

    /// <summary>The group's tests, in file order.</summary>
    public IReadOnlyList<WycheproofTest> Tests { get; }

    /// <summary>The raw JSON of the group, for nested objects such as <c>publicKey</c>.</summary>
    public JsonElement Json => _json;

    /// <summary>True if the group has a field of that name.</summary>
    public bool Has(string name) => _json.TryGetProperty(name, out _);

    /// <summary>An integer field (e.g. <c>keySize</c>, <c>ivSize</c>, <c>tagSize</c>, in bits).</summary>
    public int Int(string name) => _json.GetProperty(name).GetInt32();

    /// <summary>A string field (e.g. <c>sha</c>, <c>curve</c>).</summary>
    public string String(string name) => _json.GetProperty(name).GetString() ?? "";

    /// <summary>A hex-encoded field, decoded (e.g. <c>publicKeyDer</c>).</summary>
    public byte[] Hex(string name) => WycheproofFile.DecodeHex(_json.GetProperty(name), name, -1);

    /// <summary>A hex field of a nested object, e.g. <c>Hex("publicKey", "wx")</c>.</summary>
    public byte[] Hex(string objectName, string name) =>
        WycheproofFile.DecodeHex(_json.GetProperty(objectName).GetProperty(name), name, -1);
}
