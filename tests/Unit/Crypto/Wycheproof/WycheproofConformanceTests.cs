using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Lvbs.Crypto.Conformance;
using Lvbs.Crypto.Conformance.Wycheproof;
using Lvbs.Kernel.Crypto.Aes;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Crypto.Wycheproof;

/// <summary>
/// Every Wycheproof file in <c>../shared/data/wycheproof</c> through the shared runner (the code
/// behind <c>lvbs crypto wycheproof</c>), on both AES implementations; plus the command's report
/// and verdict on tampered and unknown files.
/// </summary>
public class WycheproofConformanceTests
{
    private static IEnumerable<string> AllFiles() =>
        Directory.GetFiles(WycheproofFile.DataDirectory, "*_test.json").Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal)!;

    [TestCaseSource(nameof(AllFiles))]
    public void FilePassesWithNothingSkipped(string fileName)
    {
        WycheproofFile file = WycheproofFile.Load(fileName);
        FileReport r = new WycheproofRunner(AesImplementation.Software).Run(file);
        Assert.That(r.Error, Is.Null);
        Assert.That(r.Family, Is.Not.EqualTo(WycheproofFamily.Unknown));
        Assert.That(r.Failures, Is.Empty);
        Assert.That(r.Skipped, Is.Zero, string.Join("; ", r.SkipReasons.Keys));
        Assert.That(r.Passed, Is.EqualTo(file.NumberOfTests));
    }

    [TestCase("aes_gcm_test.json")]
    [TestCase("aes_cbc_pkcs5_test.json")]
    [TestCase("aes_cmac_test.json")]
    public void AesFilesPassOnAesNi(string fileName)
    {
        if (!System.Runtime.Intrinsics.X86.Aes.IsSupported)
        {
            Assert.Ignore("AES-NI not available");
        }

        FileReport r = new WycheproofRunner(AesImplementation.Hardware).Run(WycheproofFile.Load(fileName));
        Assert.That(r.Failures, Is.Empty);
        Assert.That(r.Passed, Is.GreaterThan(0));
    }

    [Test]
    public void CommandReportPassesOnAllSharedFiles()
    {
        string[] paths = Directory.GetFiles(WycheproofFile.DataDirectory, "*_test.json");
        var output = new StringWriter();
        bool ok = WycheproofConsoleReport.Run(WycheproofRunner.ForThisMachine(), paths, verbose: false, output);
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(ok, Is.True, output.ToString());
        Assert.That(lines.Length, Is.EqualTo(paths.Length + 1));
        int total = paths.Sum(p => WycheproofFile.LoadPath(p).NumberOfTests);
        Assert.That(lines[^1].TrimEnd(), Is.EqualTo(total + " passed, 0 failed"));
    }

    [Test]
    public void TamperedExpectedResultFails()
    {
        // Flip the first "valid" result of a real file to "invalid": that vector must now fail.
        string text = File.ReadAllText(Path.Combine(WycheproofFile.DataDirectory, "hmac_sha256_test.json"));
        int at = text.IndexOf("\"result\": \"valid\"", StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThan(0), "file layout changed");
        string tampered = text.Substring(0, at) + "\"result\": \"invalid\"" + text.Substring(at + "\"result\": \"valid\"".Length);
        string path = WriteTemp("hmac_sha256_tampered_test.json", tampered);
        var output = new StringWriter();
        bool ok = WycheproofConsoleReport.Run(new WycheproofRunner(AesImplementation.Software), new[] { path }, verbose: true, output);
        Assert.That(ok, Is.False);
        string report = output.ToString();
        Assert.That(report, Does.Contain("1 failed, 0 skipped"));
        Assert.That(report, Does.Contain("FAIL tcId"));
        Assert.That(report.TrimEnd(), Does.EndWith(" passed, 1 failed"));
    }

    [Test]
    public void UnknownSchemaIsAnErrorLine()
    {
        string path = WriteTemp("chacha_unknown_test.json",
            "{\"algorithm\":\"FOO\",\"schema\":\"foo_test_schema_v1.json\",\"numberOfTests\":0,\"testGroups\":[]}");
        var output = new StringWriter();
        bool ok = WycheproofConsoleReport.Run(new WycheproofRunner(AesImplementation.Software), new[] { path }, verbose: false, output);
        Assert.That(ok, Is.False);
        Assert.That(output.ToString(), Does.Contain("chacha_unknown_test.json: error: unknown schema 'foo_test_schema_v1.json'"));
        Assert.That(output.ToString().TrimEnd(), Does.EndWith("0 passed, 0 failed"));
    }

    [Test]
    public void UnreadableAndMalformedFilesAreErrorLines()
    {
        string notJson = WriteTemp("broken_test.json", "{ not json");
        string wrongCount = WriteTemp("count_test.json",
            "{\"algorithm\":\"HMACSHA256\",\"schema\":\"mac_test_schema_v1.json\",\"numberOfTests\":3,\"testGroups\":[]}");
        var output = new StringWriter();
        bool ok = WycheproofConsoleReport.Run(new WycheproofRunner(AesImplementation.Software),
            new[] { notJson, wrongCount, Path.Combine(Path.GetTempPath(), "does_not_exist_test.json") }, verbose: false, output);
        Assert.That(ok, Is.False);
        string report = output.ToString();
        Assert.That(report, Does.Contain("broken_test.json: error: cannot load"));
        Assert.That(report, Does.Contain("count_test.json: error: cannot load"));
        Assert.That(report, Does.Contain("does_not_exist_test.json: error: cannot load"));
        Assert.That(report, Does.Contain("3 files could not be run"));
    }

    [Test]
    public void UnsupportedAlgorithmsAreSkippedWithAReason()
    {
        string path = WriteTemp("hmac_sha3_test.json",
            "{\"algorithm\":\"HMACSHA3-256\",\"schema\":\"mac_test_schema_v1.json\",\"numberOfTests\":1,\"testGroups\":[{\"type\":\"MacTest\",\"keySize\":128,\"tagSize\":256,\"tests\":["
            + "{\"tcId\":1,\"comment\":\"\",\"flags\":[],\"key\":\"00\",\"msg\":\"\",\"tag\":\"00\",\"result\":\"valid\"}]}]}");
        var output = new StringWriter();
        bool ok = WycheproofConsoleReport.Run(new WycheproofRunner(AesImplementation.Software), new[] { path }, verbose: false, output);
        Assert.That(ok, Is.True, "skips are not failures");
        Assert.That(output.ToString(), Does.Contain("0 passed, 0 failed, 1 skipped (1: MAC HMACSHA3-256 not implemented)"));
    }

    [TestCase("aead_test_schema_v1.json", WycheproofFamily.Aead)]
    [TestCase("ecdsa_p1363_verify_schema_v1.json", WycheproofFamily.EcdsaP1363)]
    [TestCase("ecdsa_verify_schema.json", WycheproofFamily.EcdsaDer)]
    [TestCase("rsaes_pkcs1_decrypt_schema_v1.json", WycheproofFamily.RsaPkcs1Decrypt)]
    [TestCase("xdh_asn_comp_schema_v1.json", WycheproofFamily.Unknown)]
    [TestCase("", WycheproofFamily.Unknown)]
    public void FamilyComesFromSchema(string schema, WycheproofFamily expected) =>
        Assert.That(WycheproofFamilies.FromSchema(schema), Is.EqualTo(expected));

    private static string WriteTemp(string name, string content)
    {
        string dir = Path.Combine(Path.GetTempPath(), "lvbs-wycheproof-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
