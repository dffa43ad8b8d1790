namespace Lvbs.Kernel.Keys;

/// <summary>How a signature value is encoded and checked.</summary>
public enum SignatureScheme
{
    /// <summary>RSASSA-PKCS1-v1_5 (RFC 8017 §8.2): the value is k octets.</summary>
    RsaPkcs1 = 1,
    /// <summary>ECDSA (FIPS 186-5): the value is a DER Ecdsa-Sig-Value (RFC 5480 / RFC 3279 §2.2.3).</summary>
    Ecdsa = 2,
}
