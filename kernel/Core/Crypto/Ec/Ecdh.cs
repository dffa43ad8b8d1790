using System;
using Lvbs.Kernel.Crypto.BigInteger;

namespace Lvbs.Kernel.Crypto.Ec;

/// <summary>
/// Elliptic-curve Diffie–Hellman (SP 800-56A rev. 3 §5.7.1.2, cofactor 1) on P-256 / P-384.
/// </summary>
/// <remarks>
/// Constant-time in the private key: the shared point is computed by
/// <see cref="EcPointArithmetic.ScalarMul"/> and normalised with constant-time inversion.
/// The peer's public key is fully validated first (SP 800-56A §5.6.2.3.4: encoding, range,
/// on-curve; cofactor 1 makes the order check implicit), and an infinite result is refused.
/// </remarks>
public static class Ecdh
{
    /// <summary>
    /// shared = x(d·Q), FieldBytes big-endian. InvalidParameter for a bad private scalar or an
    /// invalid peer key; InvalidLength for wrong buffer sizes.
    /// </summary>
    public static CryptoStatus DeriveSharedSecret(EcCurve c, ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublicKey, Span<byte> shared)
    {
        int n = c.Limbs;
        if (privateKey.Length != c.FieldBytes || shared.Length < c.FieldBytes)
        {
            return CryptoStatus.InvalidLength;
        }

        Span<ulong> q = stackalloc ulong[3 * n];
        if (!EcPointEncoding.TryDecode(c, peerPublicKey, q))
        {
            return CryptoStatus.InvalidParameter;
        }

        Span<ulong> d = stackalloc ulong[n];
        if (!Ecdsa.TryScalar(c, privateKey, d))
        {
            return CryptoStatus.InvalidParameter;
        }

        Span<ulong> p = stackalloc ulong[3 * n];
        EcPointArithmetic.ScalarMul(c, p, q, d);
        Span<ulong> x = stackalloc ulong[n];
        Span<ulong> y = stackalloc ulong[n];
        bool finite = EcPointArithmetic.TryToAffine(c, p, x, y);
        d.Clear();
        p.Clear();
        if (!finite)
        {
            return CryptoStatus.InvalidParameter; // §5.7.1.2 step 2
        }

        Natural.TryToBigEndian(x, shared.Slice(0, c.FieldBytes));
        x.Clear();
        y.Clear();
        return CryptoStatus.Success;
    }
}
