using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Keys;
using Lvbs.Kernel.Kexec.Authenticode;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Kexec;

/// <summary>
/// AuthenticodeVerifier on synthetic PE images signed here: trust by the signer's own key and
/// through a carried chain, the errno of every refusal, and what the digest covers.
/// </summary>
[TestFixture]
public class AuthenticodeVerifierTests
{
    private static TrustedKeyring Trust(params X509Certificate2[] certs)
    {
        var keys = new TrustedKeyring(8);
        foreach (var c in certs)
        {
            Assert.That(keys.AddSystemCertificates(c.RawData), Is.Zero);
        }
        return keys;
    }

    /// <summary>A signed image plus the layout that made it.</summary>
    internal static (byte[] Image, TestPeImage Layout) Signed(Action<TestPeImage>? layout = null, Action<TestAuthenticode>? message = null)
    {
        var pe = new TestPeImage();
        layout?.Invoke(pe);
        byte[] unsigned = pe.BuildUnsigned();
        var a = new TestAuthenticode
        {
            Signer = TestPki.Signer,
            SignerKey = TestPki.SignerKey,
            Certificates = [TestPki.Signer.RawData, TestPki.Intermediate.RawData],
        };
        message?.Invoke(a);
        a.ImageDigest = pe.ReferenceDigest(unsigned, 0, a.Hash);
        return (TestPeImage.AttachCertificate(unsigned, a.Build(), pe.CertDirectoryOffset), pe);
    }

    [Test]
    public void ValidWhenTheSignerItselfIsTrusted()
    {
        var (image, _) = Signed();
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Signer)), Is.Zero);
    }

    [Test]
    public void ValidThroughTheCarriedChainToATrustedRoot()
    {
        var (image, _) = Signed();
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Root)), Is.Zero, "root signs the carried intermediate");
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Intermediate)), Is.Zero, "a trusted intermediate");
    }

    [Test]
    public void ChainBrokenWhenTheIntermediateIsNotCarried()
    {
        var (image, _) = Signed(message: a => a.Certificates = [TestPki.Signer.RawData]);
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Root)), Is.EqualTo((int)LinuxErrno.ENOKEY));
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Intermediate)), Is.Zero, "the trusted key issued the last carried certificate");
    }

    [Test]
    public void ValidWhenNoCertificateIsCarriedButTheSignerIsTrusted()
    {
        var (image, _) = Signed(message: a => a.Certificates = []);
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Signer)), Is.Zero);
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Root)), Is.EqualTo((int)LinuxErrno.ENOKEY));
    }

    [Test]
    public void CarriedCertificatesAloneConferNoTrust()
    {
        var (image, _) = Signed(message: a => a.Certificates = [TestPki.Signer.RawData, TestPki.Intermediate.RawData, TestPki.Root.RawData]);
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Other)), Is.EqualTo((int)LinuxErrno.ENOKEY));
        Assert.That(AuthenticodeVerifier.Verify(image, new TrustedKeyring(4)), Is.EqualTo((int)LinuxErrno.ENOKEY));
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Root)), Is.Zero);
    }

    [Test]
    public void AForgedLinkInTheChainIsRejected()
    {
        // Same subject and key as the real intermediate, claims the root as issuer (AKI), but
        // signed by an unrelated key.
        using var forged = TestPki.Issue("LVBS kexec test intermediate CA", TestPki.IntermediateKey, TestPki.Root, TestPki.OtherKey, ca: true, serial: 2);
        var (top, _) = Signed(message: a => a.Certificates = [TestPki.Signer.RawData, forged.RawData]);
        Assert.That(AuthenticodeVerifier.Verify(top, Trust(TestPki.Root)), Is.EqualTo((int)LinuxErrno.EKEYREJECTED), "the trusted root does not verify the last carried certificate");
        var (carried, _) = Signed(message: a => a.Certificates = [TestPki.Signer.RawData, forged.RawData, TestPki.Root.RawData]);
        Assert.That(AuthenticodeVerifier.Verify(carried, Trust(TestPki.Root)), Is.EqualTo((int)LinuxErrno.EKEYREJECTED), "a carried link that does not verify");
        Assert.That(AuthenticodeVerifier.Verify(carried, Trust(TestPki.Other)), Is.EqualTo((int)LinuxErrno.EKEYREJECTED), "links are checked before trust");
    }

    [TestCase(false, 0, null)]
    [TestCase(true, 0x40, null)]
    [TestCase(false, 0x18, new[] { 2, 0, 1 })]
    public void TheDigestEqualsAnIndependentComputation(bool pe32, int trailing, int[]? tableOrder)
    {
        var pe = new TestPeImage { Pe32 = pe32, TrailingLength = trailing, TableOrder = tableOrder, Seed = 7 };
        byte[] unsigned = pe.BuildUnsigned();
        byte[] image = TestPeImage.AttachCertificate(unsigned, new byte[40], pe.CertDirectoryOffset);
        Assert.That(Lvbs.Kernel.Kexec.Pe.PeImage.TryParse(image, out var parsed), Is.Zero);
        foreach (var (hash, alg) in new[] { (HashAlgorithmName.SHA256, Lvbs.Kernel.Crypto.Rsa.DigestAlgorithm.Sha256), (HashAlgorithmName.SHA384, Lvbs.Kernel.Crypto.Rsa.DigestAlgorithm.Sha384), (HashAlgorithmName.SHA512, Lvbs.Kernel.Crypto.Rsa.DigestAlgorithm.Sha512) })
        {
            byte[] expected = pe.ReferenceDigest(unsigned, 0, hash);
            byte[] actual = new byte[64];
            Assert.That(AuthenticodeDigest.TryCompute(image, parsed, alg, actual), Is.True);
            Assert.That(actual.AsSpan(0, expected.Length).ToArray(), Is.EqualTo(expected), hash.Name);
        }
        Assert.That(parsed.TrailingLength, Is.EqualTo(trailing));
    }

    [Test]
    public void SignerBySubjectKeyIdentifier()
    {
        var (image, _) = Signed(message: a => a.BySubjectKeyId = true);
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Root)), Is.Zero);
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Other)), Is.EqualTo((int)LinuxErrno.ENOKEY));
    }

    [TestCase("SHA256")]
    [TestCase("SHA384")]
    [TestCase("SHA512")]
    public void RsaWithEachHash(string hash)
    {
        var (image, _) = Signed(message: a => a.Hash = new HashAlgorithmName(hash));
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Root)), Is.Zero);
    }

    [Test]
    public void EcdsaP256AndP384Signers()
    {
        var (p256, _) = Signed(message: a => { a.Signer = TestPki.EcP256Signer; a.SignerKey = TestPki.EcP256Key; a.Certificates = [TestPki.EcP256Signer.RawData]; });
        var (p384, _) = Signed(message: a => { a.Signer = TestPki.EcP384Signer; a.SignerKey = TestPki.EcP384Key; a.Hash = HashAlgorithmName.SHA384; a.Certificates = [TestPki.EcP384Signer.RawData]; });
        Assert.That(AuthenticodeVerifier.Verify(p256, Trust(TestPki.Root)), Is.Zero);
        Assert.That(AuthenticodeVerifier.Verify(p384, Trust(TestPki.Root)), Is.Zero);
        Assert.That(AuthenticodeVerifier.Verify(p384, Trust(TestPki.EcP384Signer)), Is.Zero);
    }

    [Test]
    public void Pe32ImagesAreHandled()
    {
        var (image, _) = Signed(layout: pe => pe.Pe32 = true);
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Root)), Is.Zero);
    }

    [Test]
    public void SectionsAreHashedInFileOrderWhateverTheTableOrder()
    {
        var (image, _) = Signed(layout: pe => pe.TableOrder = [2, 0, 1]);
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Root)), Is.Zero);
    }

    [Test]
    public void EmptySectionsAreSkipped()
    {
        var (image, _) = Signed(layout: pe => pe.Sections.Insert(1, (".bss", 0)));
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Root)), Is.Zero);
    }

    [Test]
    public void TrailingDataBeforeTheCertificateTableIsCovered()
    {
        var (image, pe) = Signed(layout: pe => pe.TrailingLength = 0x48);
        var keys = Trust(TestPki.Root);
        Assert.That(AuthenticodeVerifier.Verify(image, keys), Is.Zero);
        int trailing = image.Length - TestPeImage.CertTableSize(0) - 1;
        int certOffset = BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(pe.CertDirectoryOffset));
        byte[] flipped = (byte[])image.Clone();
        flipped[certOffset - 1] ^= 1;
        Assert.That(AuthenticodeVerifier.Verify(flipped, keys), Is.EqualTo((int)LinuxErrno.EKEYREJECTED));
        Assert.That(trailing, Is.Positive);
    }

    [TestCase(0x40, Description = "DOS stub")]
    [TestCase(0x84, Description = "COFF header (Machine)")]
    [TestCase(0x400 + 0x10, Description = "first section")]
    [TestCase(0x400 + 0x600 + 0x1000, Description = "middle of .text")]
    public void AnyCoveredByteFlippedIsRejected(int offset)
    {
        var (image, _) = Signed();
        image[offset] ^= 0x80;
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Root)), Is.EqualTo((int)LinuxErrno.EKEYREJECTED));
    }

    [Test]
    public void TheSectionTableIsCovered()
    {
        var (image, pe) = Signed();
        image[pe.SectionTableOffset + 8] ^= 1; // VirtualSize of the first entry
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Root)), Is.EqualTo((int)LinuxErrno.EKEYREJECTED));
    }

    [Test]
    public void TheCheckSumFieldIsExcluded()
    {
        var (image, pe) = Signed();
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(pe.CheckSumOffset), 0xDEADBEEF);
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Root)), Is.Zero);
    }

    [Test]
    public void TheCertificateTableIsExcluded()
    {
        var (image, _) = Signed();
        image[^1] ^= 0xFF; // padding inside the WIN_CERTIFICATE, after the PKCS#7
        int status = AuthenticodeVerifier.Verify(image, Trust(TestPki.Root));
        Assert.That(status, Is.Zero.Or.EqualTo((int)LinuxErrno.EBADMSG), "padding may be absent when the PKCS#7 length is a multiple of 8");
    }

    [Test]
    public void ASignatureByAnotherKeyIsRejected()
    {
        // Names the trusted signer but is signed with another key.
        var (image, _) = Signed(message: a => { a.SignerKey = TestPki.OtherKey; a.Certificates = []; });
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Signer)), Is.EqualTo((int)LinuxErrno.EKEYREJECTED));
        var (carried, _) = Signed(message: a => a.SignerKey = TestPki.OtherKey);
        Assert.That(AuthenticodeVerifier.Verify(carried, Trust(TestPki.Other)), Is.EqualTo((int)LinuxErrno.EKEYREJECTED), "the carried signer certificate does not verify");
    }

    [Test]
    public void RevokedOrBlacklistedKeysAreRefused()
    {
        var (image, _) = Signed();
        var revoked = Trust(TestPki.Root);
        Assert.That(revoked.AddRevocationCertificates(TestPki.Signer.RawData), Is.Zero);
        Assert.That(AuthenticodeVerifier.Verify(image, revoked), Is.EqualTo((int)LinuxErrno.EKEYREJECTED));

        var blacklisted = Trust(TestPki.Root);
        string tbs = Convert.ToHexStringLower(SHA256.HashData(TbsOf(TestPki.Intermediate.RawData)));
        Assert.That(blacklisted.AddBlacklistHashList(System.Text.Encoding.ASCII.GetBytes("\"tbs:" + tbs + "\"")), Is.Zero);
        Assert.That(AuthenticodeVerifier.Verify(image, blacklisted), Is.EqualTo((int)LinuxErrno.EKEYREJECTED));
    }

    [Test]
    public void MessageDigestMismatchIsRejected()
    {
        var (image, _) = Signed(message: a => a.MessageDigestOverride = new byte[32]);
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Root)), Is.EqualTo((int)LinuxErrno.EKEYREJECTED));
        var (shortDigest, _) = Signed(message: a => a.MessageDigestOverride = new byte[20]);
        Assert.That(AuthenticodeVerifier.Verify(shortDigest, Trust(TestPki.Root)), Is.EqualTo((int)LinuxErrno.EBADMSG));
    }

    [Test]
    public void MissingRequiredAttributesAreMalformed()
    {
        var (noDigest, _) = Signed(message: a => a.IncludeMessageDigest = false);
        var (noType, _) = Signed(message: a => a.IncludeContentType = false);
        var (none, _) = Signed(message: a => a.NoAttributes = true);
        var keys = Trust(TestPki.Root);
        Assert.That(AuthenticodeVerifier.Verify(noDigest, keys), Is.EqualTo((int)LinuxErrno.EBADMSG));
        Assert.That(AuthenticodeVerifier.Verify(noType, keys), Is.EqualTo((int)LinuxErrno.EBADMSG));
        Assert.That(AuthenticodeVerifier.Verify(none, keys), Is.EqualTo((int)LinuxErrno.EBADMSG), "Authenticode requires authenticated attributes");
    }

    [Test]
    public void SigningTimeOutsideTheSignerValidityIsRejected()
    {
        var keys = Trust(TestPki.Root);
        var (before, _) = Signed(message: a => a.SigningTime = DateTimeOffset.UtcNow.AddDays(-30));
        var (after, _) = Signed(message: a => a.SigningTime = DateTimeOffset.UtcNow.AddYears(6));
        var (none, _) = Signed(message: a => a.IncludeSigningTime = false);
        Assert.That(AuthenticodeVerifier.Verify(before, keys), Is.EqualTo((int)LinuxErrno.EKEYREJECTED));
        Assert.That(AuthenticodeVerifier.Verify(after, keys), Is.EqualTo((int)LinuxErrno.EKEYREJECTED));
        Assert.That(AuthenticodeVerifier.Verify(none, keys), Is.Zero, "signingTime is optional");
    }

    [TestCase("170d3236313331333132303030305a", Description = "UTCTime month 13")]
    [TestCase("170d3236303233303132303030305a", Description = "UTCTime 30 February")]
    [TestCase("170b323631313136313230305a", Description = "UTCTime without seconds")]
    [TestCase("170c323631313136313230303030", Description = "UTCTime without Z")]
    [TestCase("181132303236313131363132303030302e355a", Description = "GeneralizedTime with a fraction")]
    [TestCase("17113236313131363132303030302b30313030", Description = "UTCTime with an offset")]
    [TestCase("0403010203", Description = "not a time")]
    public void MalformedSigningTimeIsBadMessage(string hex)
    {
        byte[] tlv = Convert.FromHexString(hex);
        var (image, _) = Signed(message: a => a.SigningTimeEncoded = tlv);
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Root)), Is.EqualTo((int)LinuxErrno.EBADMSG));
    }

    [Test]
    public void GeneralizedSigningTimeIsAccepted()
    {
        string now = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "Z";
        byte[] tlv = [0x18, 15, .. System.Text.Encoding.ASCII.GetBytes(now)];
        var (image, _) = Signed(message: a => a.SigningTimeEncoded = tlv);
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Root)), Is.Zero);
    }

    [Test]
    public void RepeatedMessageDigestIsRejected()
    {
        var (image, _) = Signed(message: a => a.DuplicateMessageDigest = true);
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Root)), Is.EqualTo((int)LinuxErrno.EKEYREJECTED));
    }

    [Test]
    public void WrongContentTypes()
    {
        var keys = Trust(TestPki.Root);
        var (attr, _) = Signed(message: a => a.ContentTypeAttribute = TestAuthenticode.OidData);
        Assert.That(AuthenticodeVerifier.Verify(attr, keys), Is.EqualTo((int)LinuxErrno.EBADMSG), "contentType attribute ≠ SPC_INDIRECT_DATA");
        var (data, _) = Signed(message: a => { a.EncapContentType = TestAuthenticode.OidData; a.ContentTypeAttribute = TestAuthenticode.OidData; });
        Assert.That(AuthenticodeVerifier.Verify(data, keys), Is.EqualTo((int)LinuxErrno.EKEYREJECTED), "not Authenticode");
        var (other, _) = Signed(message: a => a.EncapContentType = "1.2.840.113549.1.7.5");
        Assert.That(AuthenticodeVerifier.Verify(other, keys), Is.EqualTo((int)LinuxErrno.EINVAL));
        var (spcType, _) = Signed(message: a => a.SpcDataType = "1.3.6.1.4.1.311.2.1.25");
        Assert.That(AuthenticodeVerifier.Verify(spcType, keys), Is.EqualTo((int)LinuxErrno.EBADMSG), "SpcIndirectDataContent type not PE image data");
    }

    [Test]
    public void ImageDigestOfTheWrongSizeIsMalformed()
    {
        var pe = new TestPeImage();
        byte[] unsigned = pe.BuildUnsigned();
        var a = new TestAuthenticode { Signer = TestPki.Signer, SignerKey = TestPki.SignerKey, Certificates = [TestPki.Signer.RawData], ImageDigest = new byte[31] };
        byte[] image = TestPeImage.AttachCertificate(unsigned, a.Build(), pe.CertDirectoryOffset);
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Signer)), Is.EqualTo((int)LinuxErrno.EBADMSG));
    }

    [Test]
    public void Sha1IsUnsupported()
    {
        var (image, _) = Signed(message: a => a.Hash = HashAlgorithmName.SHA1);
        Assert.That(AuthenticodeVerifier.Verify(image, Trust(TestPki.Root)), Is.EqualTo((int)LinuxErrno.ENOPKG));
    }

    [Test]
    public void UnsignedImagesAreNoData()
    {
        byte[] unsigned = new TestPeImage().BuildUnsigned();
        Assert.That(AuthenticodeVerifier.Verify(unsigned, Trust(TestPki.Root)), Is.EqualTo((int)LinuxErrno.ENODATA));
    }

    /// <summary>The tbsCertificate TLV of a DER certificate.</summary>
    internal static byte[] TbsOf(byte[] cert)
    {
        var r = new System.Formats.Asn1.AsnReader(cert, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        return r.ReadEncodedValue().ToArray();
    }
}
