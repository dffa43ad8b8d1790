namespace Lvbs.Kernel.Crypto.Rsa;

/// <summary>The hash functions RSA signatures and OAEP may name (RFC 8017 §9.2, Appendix B.1).</summary>
public enum DigestAlgorithm
{
    /// <summary>SHA-1: verification of legacy signatures only.</summary>
    Sha1 = 1,

    /// <summary>SHA-256.</summary>
    Sha256 = 2,

    /// <summary>SHA-384.</summary>
    Sha384 = 3,

    /// <summary>SHA-512.</summary>
    Sha512 = 4,
}
