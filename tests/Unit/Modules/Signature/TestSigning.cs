using System;
using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lvbs.Tests.Unit.Modules.Signature;

/// <summary>
/// Host-crypto fixture builders (tests only): certificates via CertificateRequest, and
/// sign-file-style module signatures (PKCS#7 SignedData, detached, no signed attributes) built
/// with AsnWriter, so tests can vary every field.
/// </summary>
internal static class TestSigning
{
    public const string OidSignedData = "1.2.840.113549.1.7.2";
    public const string OidData = "1.2.840.113549.1.7.1";
    public const string OidSha256 = "2.16.840.1.101.3.4.2.1";
    public const string OidRsa = "1.2.840.113549.1.1.1";

    public static readonly byte[] Marker = "~Module signature appended~\n"u8.ToArray();

    /// <summary>A self-signed RSA CA certificate with a subjectKeyIdentifier.</summary>
    public static X509Certificate2 SelfSignedRsa(string cn, RSA key)
    {
        var req = new CertificateRequest("CN=" + cn, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
        return req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
    }

    /// <summary>
    /// A certificate for subjectKey named issuerName, signed by signerKey, with an AKI naming
    /// akiSource's SKI (or no AKI when akiSource is null).
    /// </summary>
    public static X509Certificate2 Issue(string cn, RSA subjectKey, string issuerName, RSA signerKey, X509Certificate2? akiSource, long serial)
    {
        var req = new CertificateRequest("CN=" + cn, subjectKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
        if (akiSource is not null)
        {
            req.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(akiSource, true, false));
        }
        var gen = X509SignatureGenerator.CreateForRSA(signerKey, RSASignaturePadding.Pkcs1);
        byte[] serialBytes = BitConverter.GetBytes(serial);
        Array.Reverse(serialBytes);
        return req.Create(new X500DistinguishedName("CN=" + issuerName), gen, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5), serialBytes);
    }

    /// <summary>A DER PKCS#7 like sign-file's (v1, issuerAndSerialNumber, SHA-256, rsaEncryption NULL).</summary>
    public static byte[] Pkcs7(X509Certificate2 cert, byte[] signature, string digestEncOid = OidRsa, string contentType = OidData)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(OidSignedData);
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            using (w.PushSequence())
            {
                w.WriteInteger(1);
                using (w.PushSetOf())
                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier(OidSha256);
                }
                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier(contentType);
                }
                using (w.PushSetOf())
                using (w.PushSequence())
                {
                    w.WriteInteger(1);
                    using (w.PushSequence())
                    {
                        w.WriteEncodedValue(cert.IssuerName.RawData);
                        w.WriteInteger(new BigInteger(cert.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true));
                    }
                    using (w.PushSequence())
                    {
                        w.WriteObjectIdentifier(OidSha256);
                    }
                    using (w.PushSequence())
                    {
                        w.WriteObjectIdentifier(digestEncOid);
                        w.WriteNull();
                    }
                    w.WriteOctetString(signature);
                }
            }
        }
        return w.Encode();
    }

    /// <summary>body || pkcs7 || module_signature{id_type=2, sig_len} || marker.</summary>
    public static byte[] Append(byte[] body, byte[] pkcs7)
    {
        byte[] file = new byte[body.Length + pkcs7.Length + 12 + Marker.Length];
        body.CopyTo(file, 0);
        pkcs7.CopyTo(file, body.Length);
        int info = body.Length + pkcs7.Length;
        file[info + 2] = 2;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(info + 8), (uint)pkcs7.Length);
        Marker.CopyTo(file, info + 12);
        return file;
    }

    /// <summary>A module body signed with key/cert as sign-file would.</summary>
    public static byte[] SignModule(byte[] body, RSA key, X509Certificate2 cert) =>
        Append(body, Pkcs7(cert, key.SignData(body, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));

    /// <summary>The ELF body of a real module (its signature trailer removed).</summary>
    public static byte[] BodyOf(byte[] signedModule)
    {
        int modlen = signedModule.Length - 28;
        int sigLen = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(signedModule.AsSpan(modlen - 4));
        return signedModule.AsSpan(0, modlen - 12 - sigLen).ToArray();
    }
}
