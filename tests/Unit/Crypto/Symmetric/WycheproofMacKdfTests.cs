using System;
using System.Collections.Generic;
using Lvbs.Kernel.Crypto.Conformance;
using Lvbs.Kernel.Crypto.Hashing;
using Lvbs.Tests.Unit.Crypto.Wycheproof;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Crypto.Symmetric;

/// <summary>Wycheproof HMAC-SHA-2 and HKDF files: every valid vector accepted, every invalid one rejected.</summary>
public class WycheproofMacKdfTests
{
    /// <summary>Asserts that accept/reject matches each test's result; "acceptable" may go either way.</summary>
    internal static void RunFile(string fileName, Func<WycheproofTest, bool> accepts)
    {
        WycheproofFile file = WycheproofFile.Load(fileName);
        var failures = new List<string>();
        int run = 0;
        foreach (WycheproofTest t in file.AllTests)
        {
            run++;
            bool accepted = accepts(t);
            if ((t.Result == WycheproofResult.Valid && !accepted) || (t.Result == WycheproofResult.Invalid && accepted))
            {
                failures.Add(t + " expected " + t.Result + " but " + (accepted ? "accepted" : "rejected"));
            }
        }

        Assert.That(run, Is.EqualTo(file.NumberOfTests));
        Assert.That(failures, Is.Empty);
    }

    [TestCase("hmac_sha256_test.json", HashAlgorithmId.Sha256)]
    [TestCase("hmac_sha384_test.json", HashAlgorithmId.Sha384)]
    [TestCase("hmac_sha512_test.json", HashAlgorithmId.Sha512)]
    public void Hmac(string fileName, HashAlgorithmId hash) =>
        RunFile(fileName, t => MacKdfVectorChecks.HmacAccepts(hash, t.Hex("key"), t.Hex("msg"), t.Hex("tag"), t.Group.Int("tagSize")));

    [TestCase("hkdf_sha256_test.json", HashAlgorithmId.Sha256)]
    [TestCase("hkdf_sha384_test.json", HashAlgorithmId.Sha384)]
    [TestCase("hkdf_sha512_test.json", HashAlgorithmId.Sha512)]
    public void Hkdf(string fileName, HashAlgorithmId hash) =>
        RunFile(fileName, t => MacKdfVectorChecks.HkdfAccepts(hash, t.Hex("ikm"), t.Hex("salt"), t.Hex("info"), t.Int("size"), t.Hex("okm")));

    [Test]
    public void UnknownHashIsRejected()
    {
        Assert.That(MacKdfVectorChecks.HmacAccepts((HashAlgorithmId)99, new byte[16], default, new byte[32], 256), Is.False);
        Assert.That(MacKdfVectorChecks.HmacAccepts(HashAlgorithmId.None, new byte[16], default, new byte[32], 256), Is.False);
    }
}
