using System.Collections.Generic;
using Lvbs.Kernel.Crypto.Aes;
using Lvbs.Kernel.Crypto.Conformance;
using Lvbs.Tests.Unit.Crypto.Wycheproof;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Crypto.Symmetric;

/// <summary>Wycheproof AES-GCM, AES-CBC-PKCS5 and AES-CMAC files on both implementations.</summary>
[TestFixture(AesImplementation.Software)]
[TestFixture(AesImplementation.Hardware)]
public class WycheproofAesTests
{
    private readonly AesImplementation _impl;

    public WycheproofAesTests(AesImplementation impl) => _impl = impl;

    [SetUp]
    public void RequireImplementation()
    {
        if (_impl == AesImplementation.Hardware && !System.Runtime.Intrinsics.X86.Aes.IsSupported)
        {
            Assert.Ignore("AES-NI not available");
        }
    }

    private static void Run(string fileName, System.Func<WycheproofTest, VectorOutcome> check)
    {
        WycheproofFile file = WycheproofFile.Load(fileName);
        var failures = new List<string>();
        int valid = 0, invalid = 0;
        foreach (WycheproofTest t in file.AllTests)
        {
            VectorOutcome outcome = check(t);
            bool pass = t.Result switch
            {
                WycheproofResult.Valid => outcome == VectorOutcome.Accepted,
                WycheproofResult.Invalid => outcome == VectorOutcome.Rejected,
                _ => outcome != VectorOutcome.Mismatch,
            };
            valid += t.Result == WycheproofResult.Valid ? 1 : 0;
            invalid += t.Result == WycheproofResult.Invalid ? 1 : 0;
            if (!pass)
            {
                failures.Add(t + " [" + string.Join(",", t.Flags) + "] expected " + t.Result + " got " + outcome);
            }
        }

        Assert.That(failures, Is.Empty);
        Assert.That(valid + invalid, Is.GreaterThan(0));
    }

    [Test]
    public void AesGcm() => Run("aes_gcm_test.json", t =>
        AesVectorChecks.Gcm(_impl, t.Hex("key"), t.Hex("iv"), t.Hex("aad"), t.Hex("msg"), t.Hex("ct"), t.Hex("tag")));

    [Test]
    public void AesCbcPkcs5() => Run("aes_cbc_pkcs5_test.json", t =>
        AesVectorChecks.CbcPkcs7(_impl, t.Hex("key"), t.Hex("iv"), t.Hex("msg"), t.Hex("ct")));

    [Test]
    public void AesCmac() => Run("aes_cmac_test.json", t =>
        AesVectorChecks.Cmac(_impl, t.Hex("key"), t.Hex("msg"), t.Hex("tag"), t.Group.Int("tagSize")));
}
