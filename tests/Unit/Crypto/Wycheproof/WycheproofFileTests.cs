using System;
using Lvbs.Crypto.Conformance.Wycheproof;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Crypto.Wycheproof;

/// <summary>Checks the shared loader itself against facts visible in the files.</summary>
public class WycheproofFileTests
{
    [Test]
    public void LoadsAeadFileWithDecodedFields()
    {
        WycheproofFile file = WycheproofFile.Load("aes_gcm_test.json");
        Assert.That(file.Algorithm, Is.EqualTo("AES-GCM"));
        Assert.That(file.Schema, Is.EqualTo("aead_test_schema_v1.json"));
        Assert.That(file.Groups, Is.Not.Empty);
        int n = 0;
        foreach (WycheproofTest t in file.AllTests)
        {
            n++;
            Assert.That(t.Hex("key").Length * 8, Is.EqualTo(t.Group.Int("keySize")), t.ToString());
            if (t.Result == WycheproofResult.Valid)
            {
                Assert.That(t.Hex("tag").Length * 8, Is.EqualTo(t.Group.Int("tagSize")), t.ToString());
            }
        }

        Assert.That(n, Is.EqualTo(file.NumberOfTests));
    }

    [Test]
    public void ExposesNestedGroupObjects()
    {
        WycheproofFile file = WycheproofFile.Load("ecdsa_secp256r1_sha256_test.json");
        WycheproofGroup g = file.Groups[0];
        Assert.That(g.Hex("publicKey", "wx"), Is.Not.Empty);
        Assert.That(g.String("sha"), Is.EqualTo("SHA-256"));
    }

    [Test]
    public void ResultsCoverValidAndInvalid()
    {
        int valid = 0, invalid = 0;
        foreach (WycheproofTest t in WycheproofFile.Load("hmac_sha256_test.json").AllTests)
        {
            if (t.Result == WycheproofResult.Valid)
            {
                valid++;
            }
            else if (t.Result == WycheproofResult.Invalid)
            {
                invalid++;
            }
        }

        Assert.That(valid, Is.GreaterThan(0));
        Assert.That(invalid, Is.GreaterThan(0));
    }

    [Test]
    public void MissingFileFails()
    {
        Assert.That(() => WycheproofFile.Load("no_such_test.json"), Throws.InstanceOf<System.IO.IOException>());
    }
}
