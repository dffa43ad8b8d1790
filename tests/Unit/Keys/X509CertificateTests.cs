using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Keys;
using Lvbs.Tests.Unit.Modules.Signature;
using NUnit.Framework;
using X509Certificate = Lvbs.Kernel.Keys.X509Certificate;

namespace Lvbs.Tests.Unit.Keys;

/// <summary>X509Certificate on the real Debian certificate, the test certificates and malformed input.</summary>
[TestFixture]
public class X509CertificateTests
{
    [Test]
    public void DebianCertificateFields()
    {
        byte[] der = DebianModules.DebianCert;
        Assert.That(X509Certificate.TryParse(der, out X509Certificate? c), Is.Zero);
        var host = X509CertificateLoader.LoadCertificate(der);
        Assert.That(c!.SerialNumber.ToArray(), Is.EqualTo(host.SerialNumberBytes.ToArray()));
        Assert.That(c.Issuer.ToArray(), Is.EqualTo(host.IssuerName.RawData));
        Assert.That(c.Subject.ToArray(), Is.EqualTo(host.SubjectName.RawData));
        Assert.That(c.PublicKey.Kind, Is.EqualTo(PublicKeyKind.Rsa));
        Assert.That(Convert.ToHexString(c.SubjectKeyIdentifier), Is.EqualTo("8963F707E289EDC09DF337A24093813437 1A5BB8".Replace(" ", "")));
        Assert.That(c.AuthorityKeyId.IsEmpty, Is.True);
        Assert.That(c.Signature.Length, Is.EqualTo(512));
        // module-signatures.md §4.3: tbs = DER bytes [4, 4 + 4 + 784).
        Assert.That(c.Tbs.ToArray(), Is.EqualTo(der.AsSpan(4, 788).ToArray()));
        Assert.That(Convert.ToHexString(c.TbsDigest).ToLowerInvariant(), Is.EqualTo(Convert.ToHexString(SHA256.HashData(der.AsSpan(4, 788))).ToLowerInvariant()));
        Assert.That(c.Signed(c), Is.True, "self-signed");
    }

    [Test]
    public void EcdsaP384TestCertificate()
    {
        byte[] der = DebianModules.Read("derived/testkey_ecdsa_p384.x509");
        Assert.That(X509Certificate.TryParse(der, out X509Certificate? c), Is.Zero);
        Assert.That(c!.PublicKey.Kind, Is.EqualTo(PublicKeyKind.EcP384));
        Assert.That(c.Signed(c), Is.True);
    }

    [Test]
    public void HostMadeEcP256AndAki()
    {
        using ECDsa root = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest("CN=p256 root", root, HashAlgorithmName.SHA256);
        req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
        var rootCert = req.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(1));
        using RSA leafKey = RSA.Create(2048);
        var leafReq = new CertificateRequest("CN=leaf", leafKey, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1);
        leafReq.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(rootCert, true, true));
        var leaf = leafReq.Create(rootCert.SubjectName, X509SignatureGenerator.CreateForECDsa(root), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(30), [7]);

        Assert.That(X509Certificate.TryParse(rootCert.RawData, out X509Certificate? r), Is.Zero);
        Assert.That(X509Certificate.TryParse(leaf.RawData, out X509Certificate? l), Is.Zero);
        Assert.That(r!.PublicKey.Kind, Is.EqualTo(PublicKeyKind.EcP256));
        Assert.That(l!.AuthorityKeyId.ToArray(), Is.EqualTo(r.SubjectKeyIdentifier.ToArray()));
        Assert.That(l.AuthorityCertIssuer.ToArray(), Is.EqualTo(r.Issuer.ToArray()));
        Assert.That(l.AuthorityCertSerial.ToArray(), Is.EqualTo(r.SerialNumber.ToArray()));
        Assert.That(r.Signed(l), Is.True);
        Assert.That(l.Signed(l), Is.False);
    }

    [Test]
    public void EveryTruncationIsEbadmsg()
    {
        byte[] der = DebianModules.DebianCert;
        for (int len = 0; len < der.Length; len++)
        {
            Assert.That(X509Certificate.TryParse(der.AsSpan(0, len), out X509Certificate? c), Is.EqualTo((int)LinuxErrno.EBADMSG), "length " + len);
            Assert.That(c, Is.Null);
        }
    }

    [Test]
    public void MalformedCertificates()
    {
        byte[] der = DebianModules.DebianCert;
        Assert.That(X509Certificate.TryParse([.. der, 0], out _), Is.EqualTo((int)LinuxErrno.EBADMSG), "trailing byte");
        byte[] indefinite = [0x30, 0x80, .. der.AsSpan(4), 0, 0];
        Assert.That(X509Certificate.TryParse(indefinite, out _), Is.EqualTo((int)LinuxErrno.EBADMSG));
        byte[] huge = (byte[])der.Clone();
        huge[1] = 0x84;
        Assert.That(X509Certificate.TryParse(huge, out _), Is.EqualTo((int)LinuxErrno.EBADMSG));
        // The tbs signature AlgorithmIdentifier must equal the outer one (RFC 5280 §4.1.1.2).
        int at = der.AsSpan(0, 64).IndexOf(new byte[] { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B });
        Assert.That(at, Is.GreaterThan(0));
        byte[] mismatch = (byte[])der.Clone();
        mismatch[at + 8] = 0x0C;
        Assert.That(X509Certificate.TryParse(mismatch, out _), Is.EqualTo((int)LinuxErrno.EBADMSG));
        // An unknown signature algorithm in both places: ENOPKG.
        int outer = der.AsSpan(64).IndexOf(new byte[] { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B }) + 64;
        byte[] unknown = (byte[])mismatch.Clone();
        unknown[outer + 8] = 0x0C;
        int r = X509Certificate.TryParse(unknown, out _);
        Assert.That(r, Is.EqualTo(0), "sha384WithRSA is known; sanity for the next case");
        unknown[at + 8] = 0x0E;
        unknown[outer + 8] = 0x0E; // sha224WithRSAEncryption: not supported
        Assert.That(X509Certificate.TryParse(unknown, out _), Is.EqualTo((int)LinuxErrno.ENOPKG));
    }

    [Test]
    public void RandomCorruptionNeverThrows()
    {
        byte[] der = DebianModules.DebianCert;
        var rng = new Random(99);
        for (int i = 0; i < 500; i++)
        {
            byte[] m = (byte[])der.Clone();
            m[rng.Next(m.Length)] = (byte)rng.Next(256);
            int r = X509Certificate.TryParse(m, out _);
            Assert.That(r, Is.GreaterThanOrEqualTo(0));
        }
    }
}
