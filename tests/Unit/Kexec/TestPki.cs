using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lvbs.Tests.Unit.Kexec;

/// <summary>A test CA hierarchy (root → intermediate → signer) plus unrelated keys, made with .NET's CertificateRequest.</summary>
public static class TestPki
{
    public static readonly RSA RootKey = RSA.Create(2048);
    public static readonly RSA IntermediateKey = RSA.Create(2048);
    public static readonly RSA SignerKey = RSA.Create(2048);
    public static readonly RSA OtherKey = RSA.Create(2048);
    public static readonly ECDsa EcP256Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public static readonly ECDsa EcP384Key = ECDsa.Create(ECCurve.NamedCurves.nistP384);

    public static readonly X509Certificate2 Root = SelfSigned("LVBS kexec test root CA", RootKey, ca: true);
    public static readonly X509Certificate2 Intermediate = Issue("LVBS kexec test intermediate CA", IntermediateKey, Root, RootKey, ca: true, serial: 2);
    public static readonly X509Certificate2 Signer = Issue("LVBS kexec test signer", SignerKey, Intermediate, IntermediateKey, ca: false, serial: 3);
    public static readonly X509Certificate2 Other = SelfSigned("LVBS unrelated", OtherKey, ca: false);
    public static readonly X509Certificate2 EcP256Signer = Issue("LVBS kexec P-256 signer", EcP256Key, Root, RootKey, ca: false, serial: 4);
    public static readonly X509Certificate2 EcP384Signer = Issue("LVBS kexec P-384 signer", EcP384Key, Root, RootKey, ca: false, serial: 5);

    public static X509Certificate2 SelfSigned(string cn, RSA key, bool ca)
    {
        var req = new CertificateRequest("CN=" + cn, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
        return req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
    }

    public static X509Certificate2 Issue(string cn, AsymmetricAlgorithm subjectKey, X509Certificate2 issuer, RSA issuerKey, bool ca, long serial)
    {
        CertificateRequest req = subjectKey switch
        {
            RSA rsa => new CertificateRequest("CN=" + cn, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => new CertificateRequest("CN=" + cn, ec, HashAlgorithmName.SHA256),
            _ => throw new NotSupportedException(),
        };
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
        req.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var generator = X509SignatureGenerator.CreateForRSA(issuerKey, RSASignaturePadding.Pkcs1);
        return req.Create(issuer.SubjectName, generator, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5), [0x10, 0x4B, (byte)serial]);
    }
}
