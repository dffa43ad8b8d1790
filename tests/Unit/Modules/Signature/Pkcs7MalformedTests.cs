using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Keys;
using Lvbs.Kernel.Modules.Signature;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Modules.Signature;

/// <summary>Malformed PKCS#7 and trailers: every one gives an errno, none throws.</summary>
[TestFixture]
public class Pkcs7MalformedTests
{
    private static TrustedKeyring DebianOnly()
    {
        var keys = new TrustedKeyring(4);
        Assert.That(keys.AddSystemCertificates(DebianModules.DebianCert), Is.Zero);
        return keys;
    }

    private static (byte[] Body, byte[] Pkcs7) Split(string module)
    {
        byte[] file = DebianModules.Read(module);
        byte[] body = TestSigning.BodyOf(file);
        int sigLen = file.Length - 28 - 12 - body.Length;
        return (body, file.AsSpan(body.Length, sigLen).ToArray());
    }

    [Test]
    public void TruncatedAtEveryLengthIsEbadmsg()
    {
        var (body, p7) = Split("modules/crc7.ko");
        var keys = DebianOnly();
        for (int len = 0; len < p7.Length; len++)
        {
            byte[] file = TestSigning.Append(body, p7.AsSpan(0, len).ToArray());
            int r = ModuleSignatureVerifier.Verify(file, keys, out _);
            Assert.That(r, Is.EqualTo((int)LinuxErrno.EBADMSG), "PKCS#7 truncated to " + len);
        }
        Assert.That(ModuleSignatureVerifier.Verify(TestSigning.Append(body, p7), keys, out _), Is.Zero);
    }

    [Test]
    public void EveryHeaderByteChangedNeverThrows()
    {
        // Change each byte of the PKCS#7 header region (everything before the RSA value, §2.4):
        // the verifier must return a status, never throw. (Some bytes, like the SignedData
        // digestAlgorithms set or the NULL parameters, are not bound by Linux's checks either.)
        var (body, p7) = Split("modules/crc7.ko");
        var keys = DebianOnly();
        for (int i = 0; i < 169; i++)
        {
            foreach (byte v in new byte[] { 0x00, 0x80, 0xFF, (byte)(p7[i] ^ 0x01) })
            {
                byte[] m = (byte[])p7.Clone();
                m[i] = v;
                int r = ModuleSignatureVerifier.Verify(TestSigning.Append(body, m), keys, out _);
                Assert.That(r, Is.GreaterThanOrEqualTo(0));
                if (i < 4 && m[i] != p7[i])
                {
                    Assert.That(r, Is.Not.Zero, "outer header byte " + i + " = " + v);
                }
            }
        }
    }

    [Test]
    public void IndefiniteLengthIsEbadmsg()
    {
        var (body, p7) = Split("modules/crc7.ko");
        // Re-encode the outer SEQUENCE with the BER indefinite form: 30 80 ... 00 00.
        Assert.That(p7[0], Is.EqualTo(0x30));
        Assert.That(p7[1], Is.EqualTo(0x82));
        byte[] ber = [0x30, 0x80, .. p7.AsSpan(4), 0x00, 0x00];
        Assert.That(ModuleSignatureVerifier.Verify(TestSigning.Append(body, ber), DebianOnly(), out _), Is.EqualTo((int)LinuxErrno.EBADMSG));
    }

    [Test]
    public void HugeLengthIsEbadmsg()
    {
        var (body, p7) = Split("modules/crc7.ko");
        byte[] huge = [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xF0, .. p7.AsSpan(4)];
        Assert.That(ModuleSignatureVerifier.Verify(TestSigning.Append(body, huge), DebianOnly(), out _), Is.EqualTo((int)LinuxErrno.EBADMSG));
        byte[] nonMinimal = [0x30, 0x83, 0x00, p7[2], p7[3], .. p7.AsSpan(4)];
        Assert.That(ModuleSignatureVerifier.Verify(TestSigning.Append(body, nonMinimal), DebianOnly(), out _), Is.EqualTo((int)LinuxErrno.EBADMSG));
    }

    [Test]
    public void TrailingBytesAfterContentInfoAreEbadmsg()
    {
        var (body, p7) = Split("modules/crc7.ko");
        Assert.That(ModuleSignatureVerifier.Verify(TestSigning.Append(body, [.. p7, 0x00]), DebianOnly(), out _), Is.EqualTo((int)LinuxErrno.EBADMSG));
    }

    [Test]
    public void TrailerEdgeCases()
    {
        var keys = DebianOnly();
        byte[] marker = TestSigning.Marker;
        Assert.That(ModuleSignatureVerifier.Verify(marker, keys, out _), Is.EqualTo((int)LinuxErrno.ENODATA), "file == marker: not longer than it");
        Assert.That(ModuleSignatureVerifier.Verify([0x00, .. marker], keys, out _), Is.EqualTo((int)LinuxErrno.EBADMSG));
        byte[] twelve = new byte[12];
        twelve[2] = 2;
        Assert.That(ModuleSignatureVerifier.Verify([.. twelve, .. marker], keys, out _), Is.EqualTo((int)LinuxErrno.EBADMSG), "modlen <= 12");
        byte[] zeroSig = TestSigning.Append(new byte[16], Array.Empty<byte>());
        Assert.That(ModuleSignatureVerifier.Verify(zeroSig, keys, out int body), Is.EqualTo((int)LinuxErrno.EBADMSG), "sig_len 0: empty PKCS#7");
        Assert.That(body, Is.EqualTo(16));
        byte[] maxSig = TestSigning.Append(new byte[16], Array.Empty<byte>());
        maxSig[16 + 8] = 0xFF;
        maxSig[16 + 9] = 0xFF;
        maxSig[16 + 10] = 0xFF;
        maxSig[16 + 11] = 0xFF;
        Assert.That(ModuleSignatureVerifier.Verify(maxSig, keys, out _), Is.EqualTo((int)LinuxErrno.EBADMSG), "sig_len 0xFFFFFFFF");
    }

    [Test]
    public void UnsupportedAlgorithmsAndTypes()
    {
        using RSA key = RSA.Create(2048);
        X509Certificate2 cert = TestSigning.SelfSignedRsa("alg test", key);
        byte[] body = new byte[100];
        byte[] sig = key.SignData(body, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var keys = new TrustedKeyring(4);
        Assert.That(keys.AddSystemCertificates(cert.RawData), Is.Zero);
        Assert.That(ModuleSignatureVerifier.Verify(TestSigning.Append(body, TestSigning.Pkcs7(cert, sig)), keys, out _), Is.Zero);
        // sha256WithRSAEncryption as digestEncryptionAlgorithm: "Unsupported pkey algo".
        Assert.That(ModuleSignatureVerifier.Verify(TestSigning.Append(body, TestSigning.Pkcs7(cert, sig, "1.2.840.113549.1.1.11")), keys, out _),
            Is.EqualTo((int)LinuxErrno.ENOPKG));
        // Inner content type other than data / SPC_INDIRECT_DATA: EINVAL.
        Assert.That(ModuleSignatureVerifier.Verify(TestSigning.Append(body, TestSigning.Pkcs7(cert, sig, contentType: "1.2.840.113549.1.7.3")), keys, out _),
            Is.EqualTo((int)LinuxErrno.EINVAL));
        // SPC_INDIRECT_DATA without authenticated attributes: EBADMSG at parse.
        Assert.That(ModuleSignatureVerifier.Verify(TestSigning.Append(body, TestSigning.Pkcs7(cert, sig, contentType: "1.3.6.1.4.1.311.2.1.4")), keys, out _),
            Is.EqualTo((int)LinuxErrno.EBADMSG));
        // Wrong signature from the trusted, named key: EKEYREJECTED.
        sig[10] ^= 1;
        Assert.That(ModuleSignatureVerifier.Verify(TestSigning.Append(body, TestSigning.Pkcs7(cert, sig)), keys, out _), Is.EqualTo((int)LinuxErrno.EKEYREJECTED));
    }

    [Test]
    public void RandomBytesNeverThrow()
    {
        var rng = new Random(12345);
        var keys = DebianOnly();
        var (body, p7) = Split("modules/crc7.ko");
        for (int i = 0; i < 300; i++)
        {
            byte[] m = (byte[])p7.Clone();
            int flips = 1 + rng.Next(8);
            for (int f = 0; f < flips; f++)
            {
                m[rng.Next(m.Length)] = (byte)rng.Next(256);
            }
            int len = rng.Next(2) == 0 ? m.Length : rng.Next(m.Length);
            int r = ModuleSignatureVerifier.Verify(TestSigning.Append(body, m.AsSpan(0, len).ToArray()), keys, out _);
            Assert.That(r, Is.GreaterThanOrEqualTo(0));
        }
    }
}
