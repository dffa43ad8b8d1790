using System;
using Lvbs.Kernel.Crypto.BigInteger;

namespace Lvbs.Kernel.Crypto.Ec;

/// <summary>
/// SEC 1 v2 §2.3.3–2.3.4 point encodings: uncompressed (0x04 || X || Y) and compressed
/// (0x02/0x03 || X). Decoding validates the point (coordinates below p, on the curve); the
/// point at infinity (a single 0x00) is rejected because no protocol here accepts it as a key.
/// </summary>
public static class EcPointEncoding
{
    /// <summary>
    /// Decodes a point into projective Montgomery form (3n limbs). Returns false, writing
    /// nothing meaningful, for any malformed or off-curve encoding.
    /// </summary>
    public static bool TryDecode(EcCurve c, ReadOnlySpan<byte> encoded, Span<ulong> point)
    {
        int fb = c.FieldBytes;
        int n = c.Limbs;
        if (encoded.Length == 0)
        {
            return false;
        }

        Span<ulong> x = stackalloc ulong[n];
        Span<ulong> y = stackalloc ulong[n];
        switch (encoded[0])
        {
            case 0x04:
                if (encoded.Length != 1 + (2 * fb))
                {
                    return false; // §2.3.4 step 3
                }

                Natural.FromBigEndianFixed(x, encoded.Slice(1, fb));
                Natural.FromBigEndianFixed(y, encoded.Slice(1 + fb, fb));
                break;
            case 0x02:
            case 0x03:
                if (encoded.Length != 1 + fb)
                {
                    return false; // §2.3.4 step 2
                }

                Natural.FromBigEndianFixed(x, encoded.Slice(1, fb));
                if (!TryDecompress(c, x, encoded[0] & 1, y))
                {
                    return false;
                }

                break;
            default:
                return false; // unknown or infinity (0x00) prefix
        }

        return EcPointArithmetic.TryFromAffine(c, x, y, point);
    }

    /// <summary>y with the given parity such that (x, y) is on the curve; false when x is not a valid abscissa.</summary>
    private static bool TryDecompress(EcCurve c, ReadOnlySpan<ulong> x, int parity, Span<ulong> y)
    {
        MontgomeryContext f = c.Field;
        int n = c.Limbs;
        if (Natural.Compare(x, f.Modulus) >= 0)
        {
            return false;
        }

        Span<ulong> xm = stackalloc ulong[n];
        Span<ulong> rhs = stackalloc ulong[n];
        f.ToMontgomery(xm, x);
        EcPointArithmetic.RightHandSide(c, rhs, xm);
        f.FromMontgomery(rhs, rhs);
        f.ModPowPublic(y, rhs, c.SqrtExponent);
        if ((int)(y[0] & 1) != parity)
        {
            // y = 0 has no odd partner; TryFromAffine rejects non-roots afterwards.
            if (Natural.IsZero(y))
            {
                return false;
            }

            Natural.Sub(y, f.Modulus, y);
        }

        return true;
    }

    /// <summary>Encodes affine (x, y), ordinary form, as 0x04 || X || Y (1 + 2·FieldBytes bytes).</summary>
    public static void EncodeUncompressed(EcCurve c, ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<byte> output)
    {
        int fb = c.FieldBytes;
        output[0] = 0x04;
        Natural.TryToBigEndian(x, output.Slice(1, fb));
        Natural.TryToBigEndian(y, output.Slice(1 + fb, fb));
    }
}
