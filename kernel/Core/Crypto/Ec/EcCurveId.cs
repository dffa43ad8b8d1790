namespace Lvbs.Kernel.Crypto.Ec;

/// <summary>The supported prime curves.</summary>
public enum EcCurveId
{
    /// <summary>NIST P-256 (secp256r1, OID 1.2.840.10045.3.1.7).</summary>
    P256 = 1,

    /// <summary>NIST P-384 (secp384r1, OID 1.3.132.0.34).</summary>
    P384 = 2,
}
