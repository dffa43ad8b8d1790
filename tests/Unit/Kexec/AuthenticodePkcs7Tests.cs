using System;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Keys;
using Lvbs.Kernel.Kexec.Authenticode;
using Lvbs.Kernel.Kexec.Pe;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Kexec;

/// <summary>The Authenticode PKCS#7 path on malformed messages: truncation, indefinite and huge lengths, never an exception.</summary>
[TestFixture]
public class AuthenticodePkcs7Tests
{
    private static byte[] Pkcs7Of(byte[] image)
    {
        Assert.That(PeImage.TryParse(image, out PeImage pe), Is.Zero);
        Assert.That(WinCertificate.TryGetPkcs7(image, pe, out ReadOnlySpan<byte> pkcs7), Is.Zero);
        return pkcs7.ToArray();
    }

    private static TrustedKeyring RootKeys()
    {
        var keys = new TrustedKeyring(2);
        Assert.That(keys.AddSystemCertificates(TestPki.Root.RawData), Is.Zero);
        return keys;
    }

    [Test]
    public void TheWholeMessageVerifies()
    {
        byte[] pkcs7 = Pkcs7Of(AuthenticodeVerifierTests.Signed().Image);
        Assert.That(AuthenticodeVerifier.VerifyPkcs7(pkcs7, RootKeys(), out SpcIndirectDataContent spc), Is.Zero);
        Assert.That(spc.Digest.Length, Is.EqualTo(32));
    }

    [Test]
    public void TruncatedAtEveryLengthIsBadMessage()
    {
        byte[] pkcs7 = Pkcs7Of(AuthenticodeVerifierTests.Signed().Image);
        var keys = RootKeys();
        for (int n = 0; n < pkcs7.Length; n++)
        {
            Assert.That(AuthenticodeVerifier.VerifyPkcs7(pkcs7.AsSpan(0, n), keys, out _), Is.EqualTo((int)LinuxErrno.EBADMSG), "truncated to " + n);
        }
    }

    [Test]
    public void IndefiniteLengthsAnywhereAreBadMessage()
    {
        byte[] pkcs7 = Pkcs7Of(AuthenticodeVerifierTests.Signed().Image);
        var keys = RootKeys();
        int tried = 0;
        // Every constructed element's length octet set to 0x80 (BER indefinite form).
        for (int i = 0; i + 1 < pkcs7.Length; i++)
        {
            if ((pkcs7[i] == 0x30 || pkcs7[i] == 0x31 || pkcs7[i] == 0xA0) && pkcs7[i + 1] >= 0x80 && pkcs7[i + 1] <= 0x82)
            {
                byte[] copy = (byte[])pkcs7.Clone();
                copy[i + 1] = 0x80;
                int status = AuthenticodeVerifier.VerifyPkcs7(copy, keys, out _);
                Assert.That(status, Is.Not.Zero, "offset " + i);
                tried++;
            }
        }
        byte[] outer = (byte[])pkcs7.Clone();
        outer[1] = 0x80;
        Assert.That(AuthenticodeVerifier.VerifyPkcs7(outer, keys, out _), Is.EqualTo((int)LinuxErrno.EBADMSG));
        Assert.That(tried, Is.GreaterThan(5));
    }

    [Test]
    public void HugeLengthsAreBadMessage()
    {
        byte[] pkcs7 = Pkcs7Of(AuthenticodeVerifierTests.Signed().Image);
        var keys = RootKeys();
        for (int i = 0; i + 1 < pkcs7.Length; i++)
        {
            if (pkcs7[i + 1] == 0x82 && (pkcs7[i] & 0x20) != 0)
            {
                byte[] copy = (byte[])pkcs7.Clone();
                copy[i + 2] = 0xFF;
                copy[i + 3] = 0xFF;
                Assert.That(AuthenticodeVerifier.VerifyPkcs7(copy, keys, out _), Is.Not.Zero, "offset " + i);
            }
        }
        byte[] fourOctets = [0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, .. pkcs7.AsSpan(4)];
        Assert.That(AuthenticodeVerifier.VerifyPkcs7(fourOctets, keys, out _), Is.EqualTo((int)LinuxErrno.EBADMSG));
        byte[] fiveOctets = [0x30, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00, .. pkcs7.AsSpan(4)];
        Assert.That(AuthenticodeVerifier.VerifyPkcs7(fiveOctets, keys, out _), Is.EqualTo((int)LinuxErrno.EBADMSG));
    }

    [Test]
    public void EveryByteFlippedNeverThrowsAndAlmostNeverVerifies()
    {
        byte[] pkcs7 = Pkcs7Of(AuthenticodeVerifierTests.Signed(message: a => a.Certificates = [TestPki.Signer.RawData]).Image);
        var keys = new TrustedKeyring(2);
        Assert.That(keys.AddSystemCertificates(TestPki.Signer.RawData), Is.Zero);
        // The carried signer certificate is itself trusted, so its own signature, validity and
        // unparsed extensions are not checked (as Linux): flips there may pass. Elsewhere only
        // the unsigned digestAlgorithms set (checked for shape) may change unnoticed.
        int cert = pkcs7.AsSpan().IndexOf(TestPki.Signer.RawData);
        Assert.That(cert, Is.Positive);
        int acceptedOutside = 0;
        for (int i = 0; i < pkcs7.Length; i++)
        {
            byte[] copy = (byte[])pkcs7.Clone();
            copy[i] ^= 0x41;
            int status = AuthenticodeVerifier.VerifyPkcs7(copy, keys, out _);
            Assert.That(status, Is.GreaterThanOrEqualTo(0));
            bool inCert = i >= cert && i < cert + TestPki.Signer.RawData.Length;
            if (status == 0 && !inCert)
            {
                TestContext.Out.WriteLine("accepted flip at " + i);
                acceptedOutside++;
            }
        }
        Assert.That(acceptedOutside, Is.LessThanOrEqualTo(16));
    }

    [Test]
    public void NotSignedDataIsInvalid()
    {
        byte[] pkcs7 = Pkcs7Of(AuthenticodeVerifierTests.Signed().Image);
        byte[] copy = (byte[])pkcs7.Clone();
        int oid = copy.AsSpan().IndexOf(new byte[] { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02 });
        copy[oid + 8] = 0x03; // envelopedData
        Assert.That(AuthenticodeVerifier.VerifyPkcs7(copy, RootKeys(), out _), Is.EqualTo((int)LinuxErrno.EINVAL));
    }
}
