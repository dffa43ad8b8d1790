extern alias core;

using System;
using System.Buffers.Binary;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Lvbs.Abi.Heki;
using Lvbs.ImageHarness.Linux;
using Lvbs.Tests.Image.Boot;
using NUnit.Framework;
using AuthenticodeVerifier = core::Lvbs.Kernel.Kexec.Authenticode.AuthenticodeVerifier;
using EmbeddedCertificates = core::Lvbs.Kernel.Kexec.Authenticode.EmbeddedCertificates;
using PeImage = core::Lvbs.Kernel.Kexec.Pe.PeImage;
using Pkcs7SignedData = core::Lvbs.Kernel.Modules.Signature.Pkcs7SignedData;
using Pkcs7SignerInfo = core::Lvbs.Kernel.Modules.Signature.Pkcs7SignerInfo;
using TrustedKeyring = core::Lvbs.Kernel.Keys.TrustedKeyring;
using WinCertificate = core::Lvbs.Kernel.Kexec.Pe.WinCertificate;
using X509Certificate = core::Lvbs.Kernel.Keys.X509Certificate;

namespace Lvbs.Tests.Image.Kexec;

/// <summary>
/// The kernel's Authenticode verifier (kexec_file_load's verify_pefile_signature) on the real
/// Debian 6.1 cloud vmlinuz the Linux guest uses (the pinned package, fetched with apt-get
/// download on a fresh machine, so this runs in CI): valid when the signer certificate the
/// PKCS#7 carries ("Debian Secure Boot Signer 2022 - linux") is trusted, ENOKEY otherwise,
/// EKEYREJECTED for one flipped byte in a section or the headers, still valid with the CheckSum
/// changed. The Debian Secure Boot CA is not available, so chains are tested on synthetic
/// images in tests/Unit/Kexec.
/// </summary>
[TestFixture]
public sealed class DebianVmlinuzAuthenticodeTests
{
    private byte[] _vmlinuz = null!;
    private byte[] _signerCert = null!;

    [OneTimeSetUp]
    public async Task Fetch()
    {
        string directory = LinuxGuestKernel.DefaultCacheRoot(ImageUnderTest.Layout);
        Directory.CreateDirectory(directory);
        LinuxGuestKernelFile file;
        try
        {
            file = await new LinuxGuestKernel(directory) { Package = LinuxGuestKernel.FallbackPackage }.GetAsync(TestContext.Progress.WriteLine);
        }
        catch (LinuxGuestException e) when (e.Failure is LinuxGuestFailure.Download or LinuxGuestFailure.HostTool && !IsCi)
        {
            Assert.Ignore("The Debian kernel could not be fetched: " + e.Message);
            return;
        }
        _vmlinuz = File.ReadAllBytes(file.VmlinuzPath);
        _signerCert = SignerCertificate(_vmlinuz);
    }

    /// <summary>The signer's certificate as the PKCS#7 carries it, found with the kernel's own parsers.</summary>
    private static byte[] SignerCertificate(byte[] image)
    {
        Assert.That(PeImage.TryParse(image, out PeImage pe), Is.Zero);
        Assert.That(WinCertificate.TryGetPkcs7(image, pe, out ReadOnlySpan<byte> pkcs7), Is.Zero);
        Assert.That(Pkcs7SignedData.TryParse(pkcs7, out Pkcs7SignedData message), Is.Zero);
        Assert.That(EmbeddedCertificates.TryParse(message.Certificates, out EmbeddedCertificates? certs), Is.Zero);
        var signers = message.Signers;
        Assert.That(Pkcs7SignerInfo.TryParse(ref signers, message.Version, out Pkcs7SignerInfo si), Is.Zero);
        X509Certificate? signer = certs!.FindSigner(si);
        Assert.That(signer, Is.Not.Null);
        return signer!.Der.ToArray();
    }

    private TrustedKeyring TrustSigner()
    {
        var keys = new TrustedKeyring(4);
        Assert.That(keys.AddSystemCertificates(_signerCert), Is.Zero);
        return keys;
    }

    [Test]
    public void TheLayoutIsTheKnownOne()
    {
        Assert.That(PeImage.TryParse(_vmlinuz, out PeImage pe), Is.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(pe.IsPe32Plus, Is.True);
            Assert.That(pe.CertificateTableOffset, Is.EqualTo(14184960), "module-signatures.md: security directory");
            Assert.That(pe.CertificateTableSize, Is.EqualTo(1472));
            Assert.That(pe.SectionCount, Is.EqualTo(4));
            Assert.That(pe.DataDirectoryCount, Is.EqualTo(6));
            Assert.That(pe.TrailingLength, Is.Zero);
        });
        using var cert = X509CertificateLoader.LoadCertificate(_signerCert);
        Assert.That(cert.Subject, Is.EqualTo("CN=Debian Secure Boot Signer 2022 - linux"));
        Assert.That(cert.Issuer, Is.EqualTo("CN=Debian Secure Boot CA"));
    }

    [Test]
    public void ValidWhenTheEmbeddedSignerIsTrusted() =>
        Assert.That(AuthenticodeVerifier.Verify(_vmlinuz, TrustSigner()), Is.Zero);

    [Test]
    public void NoTrustedKeyWithAnUnrelatedCertificateOrAnEmptyKeyring()
    {
        using RSA key = RSA.Create(2048);
        var req = new CertificateRequest("CN=unrelated", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var other = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var keys = new TrustedKeyring(4);
        Assert.That(keys.AddSystemCertificates(other.RawData), Is.Zero);
        Assert.That(AuthenticodeVerifier.Verify(_vmlinuz, keys), Is.EqualTo((int)LinuxErrno.ENOKEY));
        Assert.That(AuthenticodeVerifier.Verify(_vmlinuz, new TrustedKeyring(4)), Is.EqualTo((int)LinuxErrno.ENOKEY));
    }

    [TestCase(0x4E, Description = "DOS stub text")]
    [TestCase(0x1000 + 0x20, Description = ".setup")]
    [TestCase(0x5000 + 0x123456, Description = ".text (the compressed payload)")]
    [TestCase(14184960 - 1, Description = "last byte of .data")]
    public void OneFlippedByteIsRejected(int offset)
    {
        byte[] copy = (byte[])_vmlinuz.Clone();
        copy[offset] ^= 0x01;
        Assert.That(AuthenticodeVerifier.Verify(copy, TrustSigner()), Is.EqualTo((int)LinuxErrno.EKEYREJECTED));
    }

    [Test]
    public void TheCheckSumIsNotCovered()
    {
        Assert.That(PeImage.TryParse(_vmlinuz, out PeImage pe), Is.Zero);
        byte[] copy = (byte[])_vmlinuz.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(pe.CheckSumOffset), 0);
        Assert.That(AuthenticodeVerifier.Verify(copy, TrustSigner()), Is.Zero);
    }

    [Test]
    public void UnsignedWhenTheCertificateDirectoryIsCleared()
    {
        Assert.That(PeImage.TryParse(_vmlinuz, out PeImage pe), Is.Zero);
        byte[] copy = _vmlinuz.AsSpan(0, pe.CertificateTableOffset).ToArray();
        copy.AsSpan(pe.CertificateDirectoryOffset, 8).Clear();
        Assert.That(AuthenticodeVerifier.Verify(copy, TrustSigner()), Is.EqualTo((int)LinuxErrno.ENODATA));
    }

    [Test]
    public void ARevokedSignerIsRefused()
    {
        var keys = TrustSigner();
        Assert.That(keys.AddRevocationCertificates(_signerCert), Is.Zero);
        Assert.That(AuthenticodeVerifier.Verify(_vmlinuz, keys), Is.EqualTo((int)LinuxErrno.EKEYREJECTED));
    }

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
