using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using Lvbs.Kernel.Keys;
using Lvbs.Kernel.Kexec.Authenticode;
using Lvbs.Kernel.Kexec.Pe;
using Lvbs.Kernel.Modules.Signature;

namespace Lvbs.Benchmarks;

/// <summary>
/// Authenticode verification of the real Debian 6.1 cloud vmlinuz (14 MB; the file the Linux
/// guest uses, <c>artifacts/linux-guest/linux-image-6.1.0-56-cloud-amd64/vmlinuz</c>, fetched by
/// <c>./lvbs run --guest linux</c> or the image tests): the kernel's AuthenticodeVerifier (PE
/// parse, PKCS#7, signed attributes, RSA-2048, SHA-256 over the image ranges, all kernel code)
/// against .NET doing only the crypto: IncrementalHash SHA-256 over the same ranges plus
/// <c>RSA.VerifyData</c> over the signed attributes (OpenSSL). Throughput = file size / mean.
/// </summary>
public class KexecAuthenticodeBenchmarks
{
    private byte[] _image = Array.Empty<byte>();
    private TrustedKeyring _keys = new TrustedKeyring(1);
    private RSA _rsa = RSA.Create();
    private (int Offset, int Length)[] _ranges = Array.Empty<(int, int)>();
    private byte[] _signedAttributes = Array.Empty<byte>();
    private byte[] _signature = Array.Empty<byte>();
    private byte[] _signedImageDigest = Array.Empty<byte>();

    /// <summary>Loads the vmlinuz, trusts its carried signer, precomputes the ranges and the signed attributes for .NET.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _image = File.ReadAllBytes(Locate());
        if (PeImage.TryParse(_image, out PeImage pe) != 0 || WinCertificate.TryGetPkcs7(_image, pe, out ReadOnlySpan<byte> pkcs7) != 0
            || Pkcs7SignedData.TryParse(pkcs7, out Pkcs7SignedData message) != 0
            || EmbeddedCertificates.TryParse(message.Certificates, out EmbeddedCertificates? certs) != 0
            || SpcIndirectDataContent.TryParse(message.Content, out SpcIndirectDataContent spc) != 0)
        {
            throw new InvalidOperationException("vmlinuz does not parse");
        }
        var signers = message.Signers;
        Pkcs7SignerInfo.TryParse(ref signers, message.Version, out Pkcs7SignerInfo si);
        Lvbs.Kernel.Keys.X509Certificate signer = certs!.FindSigner(si) ?? throw new InvalidOperationException("signer not carried");
        _keys = new TrustedKeyring(4);
        if (_keys.AddSystemCertificates(signer.Der) != 0)
        {
            throw new InvalidOperationException("certificate");
        }
        _rsa = X509CertificateLoader.LoadCertificate(signer.Der.ToArray()).GetRSAPublicKey()!;
        byte[] attrs = si.AuthenticatedAttributes.ToArray();
        // The signed bytes: the [0] IMPLICIT attributes re-tagged as a DER SET OF.
        _signedAttributes = attrs.Length switch
        {
            < 0x80 => [0x31, (byte)attrs.Length, .. attrs], // Debian's set is 123 bytes
            <= 0xFF => [0x31, 0x81, (byte)attrs.Length, .. attrs],
            _ => [0x31, 0x82, (byte)(attrs.Length >> 8), (byte)attrs.Length, .. attrs],
        };
        _signature = si.Signature.ToArray();
        _signedImageDigest = spc.Digest.ToArray();

        int checksumEnd = pe.CheckSumOffset + 4, dirEnd = pe.CertificateDirectoryOffset + 8;
        var ranges = new System.Collections.Generic.List<(int, int)>
        {
            (0, pe.CheckSumOffset), (checksumEnd, pe.CertificateDirectoryOffset - checksumEnd), (dirEnd, pe.SizeOfHeaders - dirEnd),
        };
        Span<int> order = stackalloc int[PeImage.MaxSections];
        AuthenticodeDigest.CanonicalOrder(_image, pe, order);
        for (int k = 0; k < pe.SectionCount; k++)
        {
            PeSectionHeader s = pe.Section(_image, order[k]);
            ranges.Add(((int)s.PointerToRawData, (int)s.SizeOfRawData));
        }
        if (pe.TrailingLength > 0)
        {
            ranges.Add(((int)pe.SumOfBytesHashed, pe.TrailingLength));
        }
        _ranges = ranges.ToArray();
        if (KernelAuthenticodeVerifier() != 0 || DotNetSha256AndRsaVerifyData() != 0)
        {
            throw new InvalidOperationException("the vmlinuz does not verify");
        }
        Console.WriteLine("// vmlinuz bytes: " + _image.Length);
    }

    /// <summary>Frees the .NET key.</summary>
    [GlobalCleanup]
    public void Cleanup() => _rsa.Dispose();

    /// <summary>The whole verify_pefile_signature path in kernel code.</summary>
    [Benchmark(Baseline = true)]
    public int KernelAuthenticodeVerifier() => AuthenticodeVerifier.Verify(_image, _keys);

    /// <summary>.NET: SHA-256 over the Authenticode ranges, compare, RSA.VerifyData over the signed attributes.</summary>
    [Benchmark]
    public int DotNetSha256AndRsaVerifyData()
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (offset, length) in _ranges)
        {
            h.AppendData(_image, offset, length);
        }
        Span<byte> digest = stackalloc byte[32];
        h.GetHashAndReset(digest);
        if (!digest.SequenceEqual(_signedImageDigest))
        {
            return 1;
        }
        return _rsa.VerifyData(_signedAttributes, _signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1) ? 0 : 2;
    }

    private static string Locate()
    {
        for (DirectoryInfo? d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "artifacts", "linux-guest", "linux-image-6.1.0-56-cloud-amd64", "vmlinuz");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("artifacts/linux-guest/linux-image-6.1.0-56-cloud-amd64/vmlinuz (run ./lvbs run --guest linux once)");
    }
}
