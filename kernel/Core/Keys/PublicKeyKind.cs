namespace Lvbs.Kernel.Keys;

/// <summary>The public-key types a certificate may carry (RFC 3279 §2.3, RFC 5480 §2).</summary>
public enum PublicKeyKind
{
    /// <summary>rsaEncryption, 2048..4096-bit modulus.</summary>
    Rsa = 1,
    /// <summary>id-ecPublicKey on prime256v1.</summary>
    EcP256 = 2,
    /// <summary>id-ecPublicKey on secp384r1.</summary>
    EcP384 = 3,
}
