using System;

namespace Lvbs.Kernel.Asn1;

/// <summary>
/// DER contents octets of the object identifiers X.509 (RFC 5280), PKCS#7/CMS (RFC 2315,
/// RFC 5652), RFC 3279/5758 (algorithms) and Authenticode use, compared as bytes.
/// </summary>
public static class Oid
{
    /// <summary>1.2.840.113549.1.7.1 id-data.</summary>
    public static readonly byte[] Data = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01 };
    /// <summary>1.2.840.113549.1.7.2 id-signedData.</summary>
    public static readonly byte[] SignedData = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02 };
    /// <summary>1.3.6.1.4.1.311.2.1.4 SPC_INDIRECT_DATA_OBJID (Authenticode).</summary>
    public static readonly byte[] MsIndirectData = { 0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x01, 0x04 };
    /// <summary>1.2.840.113549.1.9.3 contentType attribute.</summary>
    public static readonly byte[] ContentTypeAttribute = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x03 };
    /// <summary>1.2.840.113549.1.9.4 messageDigest attribute.</summary>
    public static readonly byte[] MessageDigestAttribute = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x04 };

    /// <summary>1.2.840.113549.1.1.1 rsaEncryption.</summary>
    public static readonly byte[] RsaEncryption = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01 };
    /// <summary>1.2.840.113549.1.1.5 sha1WithRSAEncryption.</summary>
    public static readonly byte[] Sha1WithRsa = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x05 };
    /// <summary>1.2.840.113549.1.1.11 sha256WithRSAEncryption.</summary>
    public static readonly byte[] Sha256WithRsa = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B };
    /// <summary>1.2.840.113549.1.1.12 sha384WithRSAEncryption.</summary>
    public static readonly byte[] Sha384WithRsa = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0C };
    /// <summary>1.2.840.113549.1.1.13 sha512WithRSAEncryption.</summary>
    public static readonly byte[] Sha512WithRsa = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0D };

    /// <summary>1.2.840.10045.2.1 id-ecPublicKey.</summary>
    public static readonly byte[] EcPublicKey = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01 };
    /// <summary>1.2.840.10045.3.1.7 prime256v1 (P-256).</summary>
    public static readonly byte[] P256 = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07 };
    /// <summary>1.3.132.0.34 secp384r1 (P-384).</summary>
    public static readonly byte[] P384 = { 0x2B, 0x81, 0x04, 0x00, 0x22 };
    /// <summary>1.2.840.10045.4.1 ecdsa-with-SHA1.</summary>
    public static readonly byte[] EcdsaWithSha1 = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x01 };
    /// <summary>1.2.840.10045.4.3.1 ecdsa-with-SHA224.</summary>
    public static readonly byte[] EcdsaWithSha224 = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x01 };
    /// <summary>1.2.840.10045.4.3.2 ecdsa-with-SHA256.</summary>
    public static readonly byte[] EcdsaWithSha256 = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02 };
    /// <summary>1.2.840.10045.4.3.3 ecdsa-with-SHA384.</summary>
    public static readonly byte[] EcdsaWithSha384 = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x03 };
    /// <summary>1.2.840.10045.4.3.4 ecdsa-with-SHA512.</summary>
    public static readonly byte[] EcdsaWithSha512 = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x04 };

    /// <summary>1.3.14.3.2.26 id-sha1.</summary>
    public static readonly byte[] Sha1 = { 0x2B, 0x0E, 0x03, 0x02, 0x1A };
    /// <summary>2.16.840.1.101.3.4.2.1 id-sha256.</summary>
    public static readonly byte[] Sha256 = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 };
    /// <summary>2.16.840.1.101.3.4.2.2 id-sha384.</summary>
    public static readonly byte[] Sha384 = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02 };
    /// <summary>2.16.840.1.101.3.4.2.3 id-sha512.</summary>
    public static readonly byte[] Sha512 = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03 };

    /// <summary>2.5.29.14 subjectKeyIdentifier.</summary>
    public static readonly byte[] SubjectKeyIdentifier = { 0x55, 0x1D, 0x0E };
    /// <summary>2.5.29.35 authorityKeyIdentifier.</summary>
    public static readonly byte[] AuthorityKeyIdentifier = { 0x55, 0x1D, 0x23 };

    /// <summary>Byte equality of OID contents.</summary>
    public static bool Is(ReadOnlySpan<byte> oid, byte[] known) => oid.SequenceEqual(known);
}
