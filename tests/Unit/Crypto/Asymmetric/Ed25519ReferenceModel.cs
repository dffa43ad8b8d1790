using System;
using System.Numerics;
using System.Security.Cryptography;

namespace Lvbs.Tests.Unit.Crypto.Asymmetric;

/// <summary>
/// A deliberately simple, slow edwards25519 / Ed25519 model over <see cref="BigInteger"/> in affine
/// coordinates, written from RFC 8032 §5.1 only, as an oracle independent of the kernel's field,
/// point and scalar code. Points are always reduced (0 ≤ x, y &lt; p) so equality is plain equality.
/// </summary>
public static class Ed25519ReferenceModel
{
    /// <summary>An affine point (x, y) on -x² + y² = 1 + d·x²·y², coordinates reduced mod p.</summary>
    public readonly record struct Point(BigInteger X, BigInteger Y);

    /// <summary>p = 2^255 - 19.</summary>
    public static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;

    /// <summary>The prime order of the base point, L = 2^252 + 27742317777372353535851937790883648493.</summary>
    public static readonly BigInteger L = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493");

    /// <summary>d = -121665/121666 mod p.</summary>
    public static readonly BigInteger D = Mod(-121665 * Inverse(121666));

    /// <summary>sqrt(-1) = 2^((p-1)/4) mod p (RFC 8032 §5.1.3 step 3).</summary>
    public static readonly BigInteger SqrtM1 = BigInteger.ModPow(2, (P - 1) / 4, P);

    /// <summary>The neutral element (0, 1).</summary>
    public static readonly Point Identity = new(BigInteger.Zero, BigInteger.One);

    /// <summary>The base point B: y = 4/5, x even (RFC 8032 §5.1).</summary>
    public static readonly Point B = BasePoint();

    /// <summary>
    /// The 8-torsion subgroup: Torsion[i] = [i]T8 for a generator T8 of order 8, so
    /// [k]Torsion[i] = Torsion[i·k mod 8] and -Torsion[i] = Torsion[(8 - i) mod 8].
    /// </summary>
    public static readonly Point[] Torsion = GenerateTorsion();

    /// <summary>x mod p in [0, p).</summary>
    public static BigInteger Mod(BigInteger x)
    {
        BigInteger r = x % P;
        return r.Sign < 0 ? r + P : r;
    }

    /// <summary>
    /// 1/x mod p (x ≠ 0) by the extended Euclidean algorithm: invariant s·x ≡ r (mod p) for both
    /// rows; several times faster than Fermat's x^(p-2) with BigInteger, and inversion dominates.
    /// </summary>
    public static BigInteger Inverse(BigInteger x)
    {
        BigInteger r0 = Mod(x), r1 = P, s0 = BigInteger.One, s1 = BigInteger.Zero;
        while (!r1.IsZero)
        {
            BigInteger q = BigInteger.DivRem(r0, r1, out BigInteger rem);
            (r0, r1) = (r1, rem);
            (s0, s1) = (s1, s0 - (q * s1));
        }

        if (!r0.IsOne)
        {
            throw new DivideByZeroException("0 has no inverse mod p");
        }

        return Mod(s0);
    }

    /// <summary>Whether the point satisfies the curve equation.</summary>
    public static bool IsOnCurve(Point q)
    {
        BigInteger x2 = q.X * q.X;
        BigInteger y2 = q.Y * q.Y;
        return Mod(-x2 + y2 - 1 - (D * x2 % P * y2)) == 0;
    }

    /// <summary>
    /// The complete twisted Edwards addition with a = -1:
    /// x3 = (x1y2 + y1x2)/(1 + d·x1x2y1y2), y3 = (y1y2 + x1x2)/(1 - d·x1x2y1y2).
    /// Complete because d is not a square, so the denominators never vanish.
    /// </summary>
    public static Point Add(Point p1, Point p2)
    {
        BigInteger t = Mod(D * p1.X * p2.X % P * p1.Y * p2.Y);
        BigInteger xNum = Mod(p1.X * p2.Y + p1.Y * p2.X);
        BigInteger yNum = Mod(p1.Y * p2.Y + p1.X * p2.X);
        BigInteger xDen = Mod(1 + t);
        BigInteger yDen = Mod(1 - t);

        // One inversion for both denominators: 1/(xDen·yDen).
        BigInteger inv = Inverse(xDen * yDen);
        return new Point(Mod(xNum * yDen % P * inv), Mod(yNum * xDen % P * inv));
    }

    /// <summary>-(x, y) = (-x, y).</summary>
    public static Point Negate(Point q) => new(Mod(-q.X), q.Y);

    /// <summary>[k]q by plain double-and-add, most significant bit first; k ≥ 0, not reduced (torsion matters).</summary>
    public static Point Mul(BigInteger k, Point q)
    {
        if (k.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(k));
        }

        Point r = Identity;
        for (long i = (long)k.GetBitLength() - 1; i >= 0; i--)
        {
            r = Add(r, r);
            if (!(k >> (int)i).IsEven)
            {
                r = Add(r, q);
            }
        }

        return r;
    }

    /// <summary>The order of a point of the 8-torsion (1, 2, 4 or 8), or 0 if [8]q is not the identity.</summary>
    public static int SmallOrder(Point q)
    {
        Point r = q;
        for (int n = 1; n <= 8; n *= 2)
        {
            if (r == Identity)
            {
                return n;
            }

            r = Add(r, r);
        }

        return 0;
    }

    /// <summary>RFC 8032 §5.1.2: y little-endian in 255 bits, bit 255 = the low bit of x.</summary>
    public static byte[] Encode(Point q) => EncodeRaw(q.Y, (int)(q.X & 1));

    /// <summary>32 bytes holding y (any value below 2^255, canonical or not) and the sign bit, for malformed encodings.</summary>
    public static byte[] EncodeRaw(BigInteger y, int sign)
    {
        byte[] b = ScalarBytes(y);
        if ((b[31] & 0x80) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(y));
        }

        b[31] |= (byte)(sign << 7);
        return b;
    }

    /// <summary>
    /// RFC 8032 §5.1.3 decoding. Strict (the §5.1.7 rules): y ≥ p is rejected, and so is x = 0 with
    /// sign 1. Lenient (what a sloppy verifier might do, for showing a test could fail): y is
    /// reduced mod p and x = 0 with sign 1 decodes to x = 0.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, bool strict, out Point q)
    {
        q = Identity;
        if (encoded.Length != 32)
        {
            return false;
        }

        byte[] b = encoded.ToArray();
        int sign = b[31] >> 7;
        b[31] &= 0x7F;
        BigInteger y = new(b, isUnsigned: true, isBigEndian: false);
        if (y >= P)
        {
            if (strict)
            {
                return false;
            }

            y -= P;
        }

        // x² = (y² - 1) / (d·y² + 1); the candidate root is (x²)^((p+3)/8), times sqrt(-1) if needed.
        BigInteger x2 = Mod((y * y - 1) * Inverse(D * y * y + 1));
        BigInteger x = BigInteger.ModPow(x2, (P + 3) / 8, P);
        if (Mod(x * x) != x2)
        {
            x = Mod(x * SqrtM1);
        }

        if (Mod(x * x) != x2)
        {
            return false; // not a square: no point with this y
        }

        if (x.IsZero && sign == 1 && strict)
        {
            return false;
        }

        if ((int)(x & 1) != sign)
        {
            x = Mod(-x);
        }

        q = new Point(x, y);
        return true;
    }

    /// <summary>A 256-bit little-endian integer (scalars, S).</summary>
    public static BigInteger ScalarFromBytes(ReadOnlySpan<byte> b) => new(b, isUnsigned: true, isBigEndian: false);

    /// <summary>0 ≤ v &lt; 2^256 as 32 little-endian bytes.</summary>
    public static byte[] ScalarBytes(BigInteger v)
    {
        byte[] raw = v.ToByteArray(isUnsigned: true, isBigEndian: false);
        if (v.Sign < 0 || raw.Length > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(v));
        }

        byte[] b = new byte[32];
        raw.CopyTo(b, 0);
        return b;
    }

    /// <summary>k = SHA-512(R || A || M) mod L, the challenge of §5.1.6 step 4 / §5.1.7 step 2.</summary>
    public static BigInteger Challenge(ReadOnlySpan<byte> r, ReadOnlySpan<byte> a, ReadOnlySpan<byte> message)
    {
        byte[] input = new byte[r.Length + a.Length + message.Length];
        r.CopyTo(input);
        a.CopyTo(input.AsSpan(r.Length));
        message.CopyTo(input.AsSpan(r.Length + a.Length));
        return ScalarFromBytes(SHA512.HashData(input)) % L;
    }

    /// <summary>The signature R || S with S as 32 little-endian bytes.</summary>
    public static byte[] Signature(ReadOnlySpan<byte> r, BigInteger s)
    {
        byte[] sig = new byte[64];
        r.CopyTo(sig);
        ScalarBytes(s).CopyTo(sig, 32);
        return sig;
    }

    /// <summary>The public key [a]B of a secret scalar seed per §5.1.5, for the RFC vectors.</summary>
    public static byte[] PublicKeyFromSeed(ReadOnlySpan<byte> seed) => Encode(Mul(ClampedScalar(seed), B));

    /// <summary>§5.1.7 strict and cofactorless: S &lt; L, A and R decode strictly, [S]B == R + [k]A exactly.</summary>
    public static bool VerifyCofactorless(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
        => Verify(publicKey, message, signature, cofactored: false, strict: true);

    /// <summary>The same encoding rules, but the cofactored equation [8][S]B == [8]R + [8][k]A.</summary>
    public static bool VerifyCofactored(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
        => Verify(publicKey, message, signature, cofactored: true, strict: true);

    /// <summary>Cofactorless, but with lenient decoding of A and R (see <see cref="TryDecode"/>).</summary>
    public static bool VerifyLenientEncoding(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
        => Verify(publicKey, message, signature, cofactored: false, strict: false);

    private static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, bool cofactored, bool strict)
    {
        if (publicKey.Length != 32 || signature.Length != 64)
        {
            return false;
        }

        BigInteger s = ScalarFromBytes(signature.Slice(32));
        if (s >= L)
        {
            return false;
        }

        if (!TryDecode(publicKey, strict, out Point a) || !TryDecode(signature.Slice(0, 32), strict, out Point r))
        {
            return false;
        }

        // k hashes the bytes as received, not re-encoded points.
        BigInteger k = Challenge(signature.Slice(0, 32), publicKey, message);
        Point left = Mul(s, B);
        Point right = Add(r, Mul(k, a));
        if (cofactored)
        {
            left = Mul(8, left);
            right = Mul(8, right);
        }

        return left == right;
    }

    private static BigInteger ClampedScalar(ReadOnlySpan<byte> seed)
    {
        byte[] h = SHA512.HashData(seed.ToArray());
        h[0] &= 248;
        h[31] &= 127;
        h[31] |= 64;
        return ScalarFromBytes(h.AsSpan(0, 32));
    }

    private static Point BasePoint()
    {
        BigInteger y = Mod(4 * Inverse(5));
        if (!TryDecode(EncodeRaw(y, 0), strict: true, out Point b))
        {
            throw new InvalidOperationException("4/5 is not the y of a curve point");
        }

        return b;
    }

    private static Point[] GenerateTorsion()
    {
        // [L]q kills the prime-order part of q and leaves its torsion component; scan y = 2, 3, ...
        // until that component has order 8, then take its multiples.
        for (BigInteger y = 2; ; y++)
        {
            if (!TryDecode(EncodeRaw(y, 0), strict: true, out Point q))
            {
                continue;
            }

            Point t8 = Mul(L, q);
            if (SmallOrder(t8) != 8)
            {
                continue;
            }

            Point[] torsion = new Point[8];
            torsion[0] = Identity;
            for (int i = 1; i < 8; i++)
            {
                torsion[i] = Add(torsion[i - 1], t8);
            }

            return torsion;
        }
    }
}
