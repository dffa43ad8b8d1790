using System;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lvbs.Tests.Unit.Kexec;

/// <summary>
/// Writes Authenticode PKCS#7 SignedData by hand (RFC 2315 + the Authenticode PE format), so
/// tests control every field: the SpcIndirectDataContent, the signed attributes, the carried
/// certificates and the signer identifier. Signatures come from .NET (RSA PKCS#1 v1.5, ECDSA).
/// </summary>
public sealed class TestAuthenticode
{
    public const string OidSignedData = "1.2.840.113549.1.7.2";
    public const string OidData = "1.2.840.113549.1.7.1";
    public const string OidIndirectData = "1.3.6.1.4.1.311.2.1.4";
    public const string OidPeImageData = "1.3.6.1.4.1.311.2.1.15";
    public const string OidContentType = "1.2.840.113549.1.9.3";
    public const string OidMessageDigest = "1.2.840.113549.1.9.4";
    public const string OidSigningTime = "1.2.840.113549.1.9.5";
    public const string OidRsa = "1.2.840.113549.1.1.1";

    public HashAlgorithmName Hash { get; set; } = HashAlgorithmName.SHA256;

    /// <summary>The image digest written into the SpcIndirectDataContent.</summary>
    public byte[] ImageDigest { get; set; } = [];

    public X509Certificate2 Signer { get; set; } = null!;

    public AsymmetricAlgorithm SignerKey { get; set; } = null!;

    /// <summary>Certificates carried in the message (DER).</summary>
    public byte[][] Certificates { get; set; } = [];

    public bool BySubjectKeyId { get; set; }

    public string SpcDataType { get; set; } = OidPeImageData;

    public string ContentTypeAttribute { get; set; } = OidIndirectData;

    public string EncapContentType { get; set; } = OidIndirectData;

    public bool IncludeContentType { get; set; } = true;

    public bool IncludeMessageDigest { get; set; } = true;

    public bool IncludeSigningTime { get; set; } = true;

    public bool DuplicateMessageDigest { get; set; }

    /// <summary>The signingTime attribute (inside the test certificates' validity by default).</summary>
    public DateTimeOffset SigningTime { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>When set, the signingTime value's whole TLV (to write malformed times).</summary>
    public byte[]? SigningTimeEncoded { get; set; }

    /// <summary>When set, the messageDigest attribute carries this instead of the real hash.</summary>
    public byte[]? MessageDigestOverride { get; set; }

    /// <summary>No authenticated attributes at all (the signature is then over the content).</summary>
    public bool NoAttributes { get; set; }

    public static string HashOid(HashAlgorithmName h) =>
        h == HashAlgorithmName.SHA256 ? "2.16.840.1.101.3.4.2.1"
        : h == HashAlgorithmName.SHA384 ? "2.16.840.1.101.3.4.2.2"
        : h == HashAlgorithmName.SHA512 ? "2.16.840.1.101.3.4.2.3"
        : "1.3.14.3.2.26";

    /// <summary>The SpcIndirectDataContent TLV.</summary>
    public byte[] SpcContent()
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier(SpcDataType);
                // SpcPeImageData { flags BIT STRING, file [0] SpcLink { file [2] SpcString { unicode [0] "" } } }
                using (w.PushSequence())
                {
                    w.WriteBitString([]);
                    w.WriteEncodedValue([0xA0, 0x04, 0xA2, 0x02, 0x80, 0x00]);
                }
            }
            using (w.PushSequence())
            {
                WriteAlgorithm(w, HashOid(Hash), true);
                w.WriteOctetString(ImageDigest);
            }
        }
        return w.Encode();
    }

    public byte[] Build()
    {
        byte[] spc = SpcContent();
        // The messageDigest covers the content's contents octets, not its tag and length.
        AsnDecoder.ReadEncodedValue(spc, AsnEncodingRules.DER, out int contentOffset, out int contentLength, out _);
        byte[] spcContents = spc.AsSpan(contentOffset, contentLength).ToArray();
        byte[] contentDigest = HashData(spcContents);

        byte[]? attrsSet = null;
        if (!NoAttributes)
        {
            var a = new AsnWriter(AsnEncodingRules.DER);
            using (a.PushSetOf())
            {
                if (IncludeContentType)
                {
                    using (a.PushSequence())
                    {
                        a.WriteObjectIdentifier(OidContentType);
                        using (a.PushSetOf())
                        {
                            a.WriteObjectIdentifier(ContentTypeAttribute);
                        }
                    }
                }
                if (IncludeSigningTime)
                {
                    using (a.PushSequence())
                    {
                        a.WriteObjectIdentifier(OidSigningTime);
                        using (a.PushSetOf())
                        {
                            if (SigningTimeEncoded is not null)
                            {
                                a.WriteEncodedValue(SigningTimeEncoded);
                            }
                            else
                            {
                                a.WriteUtcTime(SigningTime);
                            }
                        }
                    }
                }
                if (IncludeMessageDigest)
                {
                    using (a.PushSequence())
                    {
                        a.WriteObjectIdentifier(OidMessageDigest);
                        using (a.PushSetOf())
                        {
                            a.WriteOctetString(MessageDigestOverride ?? contentDigest);
                        }
                    }
                    if (DuplicateMessageDigest)
                    {
                        using (a.PushSequence())
                        {
                            a.WriteObjectIdentifier(OidMessageDigest);
                            using (a.PushSetOf())
                            {
                                a.WriteOctetString(contentDigest);
                            }
                        }
                    }
                }
            }
            attrsSet = a.Encode();
        }
        byte[] toSign = attrsSet ?? spcContents;
        byte[] signature = Sign(toSign);

        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(OidSignedData);
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            using (w.PushSequence())
            {
                w.WriteInteger(BySubjectKeyId ? 3 : 1);
                using (w.PushSetOf())
                {
                    WriteAlgorithm(w, HashOid(Hash), true);
                }
                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier(EncapContentType);
                    using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                    {
                        w.WriteEncodedValue(spc);
                    }
                }
                if (Certificates.Length > 0)
                {
                    using (w.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                    {
                        foreach (byte[] c in Certificates)
                        {
                            w.WriteEncodedValue(c);
                        }
                    }
                }
                using (w.PushSetOf())
                using (w.PushSequence())
                {
                    w.WriteInteger(BySubjectKeyId ? 3 : 1);
                    if (BySubjectKeyId)
                    {
                        var skid = Signer.Extensions["2.5.29.14"] as X509SubjectKeyIdentifierExtension;
                        w.WriteOctetString(Convert.FromHexString(skid!.SubjectKeyIdentifier!), new Asn1Tag(TagClass.ContextSpecific, 0));
                    }
                    else
                    {
                        using (w.PushSequence())
                        {
                            w.WriteEncodedValue(Signer.IssuerName.RawData);
                            w.WriteInteger(Signer.SerialNumberBytes.Span);
                        }
                    }
                    WriteAlgorithm(w, HashOid(Hash), true);
                    if (attrsSet is not null)
                    {
                        // [0] IMPLICIT SET OF: same contents, tag 0xA0.
                        byte[] implicitSet = (byte[])attrsSet.Clone();
                        implicitSet[0] = 0xA0;
                        w.WriteEncodedValue(implicitSet);
                    }
                    if (SignerKey is RSA)
                    {
                        WriteAlgorithm(w, OidRsa, true);
                    }
                    else
                    {
                        WriteAlgorithm(w, Hash == HashAlgorithmName.SHA384 ? "1.2.840.10045.4.3.3" : "1.2.840.10045.4.3.2", false);
                    }
                    w.WriteOctetString(signature);
                }
            }
        }
        return w.Encode();
    }

    private byte[] HashData(byte[] data) =>
        Hash == HashAlgorithmName.SHA384 ? SHA384.HashData(data)
        : Hash == HashAlgorithmName.SHA512 ? SHA512.HashData(data)
        : SHA256.HashData(data);

    private byte[] Sign(byte[] data) => SignerKey switch
    {
        RSA rsa => rsa.SignData(data, Hash, RSASignaturePadding.Pkcs1),
        ECDsa ec => ec.SignData(data, Hash, DSASignatureFormat.Rfc3279DerSequence),
        _ => throw new NotSupportedException(),
    };

    private static void WriteAlgorithm(AsnWriter w, string oid, bool nullParameters)
    {
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(oid);
            if (nullParameters)
            {
                w.WriteNull();
            }
        }
    }
}
