using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Keys;
using Lvbs.Kernel.Modules.Signature;
using Lvbs.Tests.Unit.Modules.Signature;
using NUnit.Framework;
using X509Certificate = Lvbs.Kernel.Keys.X509Certificate;

namespace Lvbs.Tests.Unit.Keys;

/// <summary>TrustedKeyring: system lists, blacklist vetting, capacity and secondary-key vouching.</summary>
[TestFixture]
public class TrustedKeyringTests
{
    private static readonly RSA s_rootKey = RSA.Create(2048);
    private static readonly RSA s_leafKey = RSA.Create(2048);
    private static readonly RSA s_otherKey = RSA.Create(2048);
    private static readonly X509Certificate2 s_root = TestSigning.SelfSignedRsa("LVBS test root", s_rootKey);

    [OneTimeTearDown]
    public void DisposeKeys()
    {
        s_rootKey.Dispose();
        s_leafKey.Dispose();
        s_otherKey.Dispose();
        s_root.Dispose();
    }

    private static TrustedKeyring RootOnly(int max = 8)
    {
        var keys = new TrustedKeyring(max);
        Assert.That(keys.AddSystemCertificates(s_root.RawData), Is.Zero);
        return keys;
    }

    [Test]
    public void SystemCertificatesAreAllOrNothing()
    {
        var keys = new TrustedKeyring(8);
        byte[] good = DebianModules.DebianCert;
        Assert.That(keys.AddSystemCertificates([.. good, .. good.AsSpan(0, 100)]), Is.EqualTo((int)LinuxErrno.EBADMSG));
        Assert.That(keys.Count, Is.Zero);
        Assert.That(keys.AddSystemCertificates([.. good, 0x04, 0x00]), Is.EqualTo((int)LinuxErrno.EBADMSG));
        Assert.That(keys.Count, Is.Zero);
        Assert.That(keys.AddSystemCertificates([.. good, .. good]), Is.Zero, "a duplicate is not added twice");
        Assert.That(keys.Count, Is.EqualTo(1));
    }

    [Test]
    public void CapacityIsBounded()
    {
        var keys = new TrustedKeyring(1);
        byte[] two = [.. DebianModules.DebianCert, .. DebianModules.Read("derived/testkey_rsa4096.x509")];
        Assert.That(keys.AddSystemCertificates(two), Is.EqualTo((int)LinuxErrno.ERANGE));
        Assert.That(keys.Count, Is.Zero);
        Assert.That(keys.AddSystemCertificates(DebianModules.DebianCert), Is.Zero);
        Assert.That(keys.AddRevocationCertificates(two), Is.EqualTo((int)LinuxErrno.ERANGE));
        var leaf = TestSigning.Issue("leaf", s_leafKey, "LVBS test root", s_rootKey, s_root, 2);
        var full = RootOnly(1);
        Assert.That(full.AddSecondaryKey(leaf.RawData), Is.EqualTo((int)LinuxErrno.ERANGE));
    }

    [TestCase("tbs:00ff", 0)]
    [TestCase("bin:0123456789abcdef", 0)]
    [TestCase("tbs:00FF", (int)LinuxErrno.EINVAL)]
    [TestCase("tbs:0", (int)LinuxErrno.EINVAL)]
    [TestCase("tbs:", (int)LinuxErrno.EINVAL)]
    [TestCase("tbs:0g", (int)LinuxErrno.EINVAL)]
    [TestCase("xyz:00", (int)LinuxErrno.EINVAL)]
    [TestCase("tbs00", (int)LinuxErrno.EINVAL)]
    [TestCase("bin", (int)LinuxErrno.EINVAL)]
    public void BlacklistEntryVetting(string entry, int expected)
    {
        Assert.That(HashBlacklist.Vet(Encoding.ASCII.GetBytes(entry)), Is.EqualTo(expected));
        var keys = new TrustedKeyring(1);
        Assert.That(keys.AddBlacklistHashes(Encoding.ASCII.GetBytes(entry + "\0")), Is.EqualTo(expected));
    }

    [Test]
    public void BlacklistLengthLimits()
    {
        var keys = new TrustedKeyring(1);
        Assert.That(keys.AddBlacklistHashes(Encoding.ASCII.GetBytes("bin:" + new string('a', 128))), Is.Zero);
        Assert.That(keys.AddBlacklistHashes(Encoding.ASCII.GetBytes("bin:" + new string('a', 130))), Is.EqualTo((int)LinuxErrno.ENOPKG));
        Assert.That(keys.AddBlacklistHashes(Encoding.ASCII.GetBytes("bin:" + new string('A', 130))), Is.EqualTo((int)LinuxErrno.EINVAL));
        Assert.That(keys.Blacklist.Count, Is.EqualTo(1));
    }

    [Test]
    public void BlacklistIsAllOrNothingAndBounded()
    {
        var keys = new TrustedKeyring(1);
        Assert.That(keys.AddBlacklistHashes(Encoding.ASCII.GetBytes("tbs:00\0bin:0A\0")), Is.EqualTo((int)LinuxErrno.EINVAL));
        Assert.That(keys.Blacklist.Count, Is.Zero);
        var sb = new StringBuilder();
        for (int i = 0; i < 100; i++)
        {
            sb.Append("bin:").Append(i.ToString("x4")).Append('\0');
        }
        Assert.That(keys.AddBlacklistHashes(Encoding.ASCII.GetBytes(sb.ToString())), Is.Zero);
        Assert.That(keys.Blacklist.Count, Is.EqualTo(100));
        Assert.That(keys.AddBlacklistHashes(Encoding.ASCII.GetBytes("bin:00\0")), Is.EqualTo((int)LinuxErrno.ERANGE));
        Assert.That(keys.Blacklist.Count, Is.EqualTo(100));
        Assert.That(new TrustedKeyring(1).AddBlacklistHashes(new byte[100 * 133 + 1]), Is.EqualTo((int)LinuxErrno.ERANGE));
    }

    [TestCase("\"tbs:00\", \"bin:11\",\n", 0, 2)]
    [TestCase("\"tbs:00\"\"bin:11\"", (int)LinuxErrno.EINVAL, 0)]
    [TestCase("\"tbs:00\", bin:11", (int)LinuxErrno.EINVAL, 0)]
    [TestCase("\"tbs:00", (int)LinuxErrno.EINVAL, 0)]
    [TestCase("\"tbs:0\\x\"", (int)LinuxErrno.EINVAL, 0)]
    [TestCase("", 0, 0)]
    public void KconfigForm(string text, int expected, int count)
    {
        var keys = new TrustedKeyring(1);
        Assert.That(keys.AddBlacklistHashList(Encoding.ASCII.GetBytes(text)), Is.EqualTo(expected));
        Assert.That(keys.Blacklist.Count, Is.EqualTo(count));
    }

    [Test]
    public void SecondaryKeyVouchedByAkiKeyId()
    {
        var keys = RootOnly();
        var leaf = TestSigning.Issue("leaf", s_leafKey, "LVBS test root", s_rootKey, s_root, 2);
        byte[] module = TestSigning.SignModule(new byte[300], s_leafKey, leaf);
        Assert.That(ModuleSignatureVerifier.Verify(module, keys, out _), Is.EqualTo((int)LinuxErrno.ENOKEY));
        Assert.That(keys.AddSecondaryKey(leaf.RawData), Is.Zero);
        Assert.That(keys.Count, Is.EqualTo(2));
        Assert.That(keys.SystemCount, Is.EqualTo(1));
        Assert.That(ModuleSignatureVerifier.Verify(module, keys, out _), Is.Zero);
        Assert.That(keys.AddSecondaryKey(leaf.RawData), Is.Zero, "already trusted");
        Assert.That(keys.Count, Is.EqualTo(2));
    }

    [Test]
    public void SecondaryKeyVouchedByIssuerNameWithoutAki()
    {
        var keys = RootOnly();
        var leaf = TestSigning.Issue("leaf no aki", s_leafKey, "LVBS test root", s_rootKey, null, 3);
        Assert.That(keys.AddSecondaryKey(leaf.RawData), Is.Zero);
    }

    [Test]
    public void SecondaryKeyChainThroughASecondaryKey()
    {
        var keys = RootOnly();
        var mid = TestSigning.Issue("mid", s_leafKey, "LVBS test root", s_rootKey, s_root, 4);
        var leaf = TestSigning.Issue("leaf2", s_otherKey, "mid", s_leafKey, mid, 5);
        Assert.That(keys.AddSecondaryKey(leaf.RawData), Is.EqualTo((int)LinuxErrno.ENOKEY));
        Assert.That(keys.AddSecondaryKey(mid.RawData), Is.Zero);
        Assert.That(keys.AddSecondaryKey(leaf.RawData), Is.Zero);
    }

    [Test]
    public void ForgedVouchingIsRejected()
    {
        var keys = RootOnly();
        // Names the root (AKI = root's SKI, issuer = root's name) but is signed by another key.
        var forged = TestSigning.Issue("forged", s_leafKey, "LVBS test root", s_otherKey, s_root, 6);
        Assert.That(keys.AddSecondaryKey(forged.RawData), Is.EqualTo((int)LinuxErrno.EKEYREJECTED));
        Assert.That(keys.Count, Is.EqualTo(1));
    }

    [Test]
    public void UnknownIssuerAndSelfSignedAreEnokey()
    {
        var keys = RootOnly();
        using RSA otherRoot = RSA.Create(2048);
        var stranger = TestSigning.SelfSignedRsa("stranger", otherRoot);
        Assert.That(keys.AddSecondaryKey(stranger.RawData), Is.EqualTo((int)LinuxErrno.ENOKEY));
        var strangersLeaf = TestSigning.Issue("s-leaf", s_leafKey, "stranger", otherRoot, stranger, 7);
        Assert.That(keys.AddSecondaryKey(strangersLeaf.RawData), Is.EqualTo((int)LinuxErrno.ENOKEY));
        Assert.That(keys.AddSecondaryKey(DebianModules.DebianCert), Is.EqualTo((int)LinuxErrno.ENOKEY));
        Assert.That(keys.AddSecondaryKey(new byte[] { 0x30, 0x80 }), Is.EqualTo((int)LinuxErrno.EBADMSG));
    }

    [Test]
    public void BlacklistedOrRevokedVoucherIsNeverUsed()
    {
        var leaf = TestSigning.Issue("leaf", s_leafKey, "LVBS test root", s_rootKey, s_root, 8);

        var blacklisted = RootOnly();
        Assert.That(X509Certificate.TryParse(s_root.RawData, out X509Certificate? root), Is.Zero);
        string tbs = "tbs:" + Convert.ToHexString(root!.TbsDigest).ToLowerInvariant();
        Assert.That(blacklisted.AddBlacklistHashes(Encoding.ASCII.GetBytes(tbs)), Is.Zero);
        Assert.That(blacklisted.AddSecondaryKey(leaf.RawData), Is.EqualTo((int)LinuxErrno.ENOKEY));

        var revoked = RootOnly();
        Assert.That(revoked.AddRevocationCertificates(s_root.RawData), Is.Zero);
        Assert.That(revoked.AddSecondaryKey(leaf.RawData), Is.EqualTo((int)LinuxErrno.ENOKEY));
    }

    [Test]
    public void BlacklistedSecondaryIsRejected()
    {
        var keys = RootOnly();
        var leaf = TestSigning.Issue("leaf", s_leafKey, "LVBS test root", s_rootKey, s_root, 9);
        Assert.That(X509Certificate.TryParse(leaf.RawData, out X509Certificate? parsed), Is.Zero);
        Assert.That(keys.AddBlacklistHashes(Encoding.ASCII.GetBytes("tbs:" + Convert.ToHexString(parsed!.TbsDigest).ToLowerInvariant())), Is.Zero);
        Assert.That(keys.AddSecondaryKey(leaf.RawData), Is.EqualTo((int)LinuxErrno.EKEYREJECTED));
    }
}
