using System;
using Lvbs.Kernel.Crypto.Ec;

namespace Lvbs.Crypto.Conformance;

/// <summary>
/// Extracts the SEC 1 point from a DER SubjectPublicKeyInfo of an EC key on a named curve
/// (RFC 5480 §2): SEQUENCE { SEQUENCE { id-ecPublicKey, namedCurve OID }, BIT STRING }.
/// Anything else (explicit parameters, another algorithm, non-DER lengths, trailing bytes,
/// unused bits in the BIT STRING) is refused: the kernel only takes named curves.
/// </summary>
public static class SpkiDecoder
{
    private static readonly byte[] s_idEcPublicKey = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01 };
    private static readonly byte[] s_prime256v1 = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07 };
    private static readonly byte[] s_secp384r1 = { 0x2b, 0x81, 0x04, 0x00, 0x22 };

    /// <summary>The point, if <paramref name="spki"/> is a well-formed key on <paramref name="curve"/>'s named OID.</summary>
    public static bool TryGetPoint(ReadOnlySpan<byte> spki, EcCurveId curve, out byte[] point)
    {
        point = Array.Empty<byte>();
        ReadOnlySpan<byte> oidCurve = curve == EcCurveId.P256 ? s_prime256v1 : curve == EcCurveId.P384 ? s_secp384r1 : default;
        if (oidCurve.IsEmpty
            || !TryRead(spki, 0x30, out ReadOnlySpan<byte> outer, out ReadOnlySpan<byte> rest) || !rest.IsEmpty
            || !TryRead(outer, 0x30, out ReadOnlySpan<byte> algorithm, out ReadOnlySpan<byte> afterAlgorithm)
            || !TryRead(afterAlgorithm, 0x03, out ReadOnlySpan<byte> bits, out rest) || !rest.IsEmpty
            || !TryRead(algorithm, 0x06, out ReadOnlySpan<byte> oid, out ReadOnlySpan<byte> parameters)
            || !oid.SequenceEqual(s_idEcPublicKey)
            || !TryRead(parameters, 0x06, out ReadOnlySpan<byte> named, out rest) || !rest.IsEmpty
            || !named.SequenceEqual(oidCurve)
            || bits.Length < 2 || bits[0] != 0)
        {
            return false;
        }

        point = bits.Slice(1).ToArray();
        return true;
    }

    /// <summary>One DER TLV (X.690 §10.1: definite, minimal length) with the expected tag.</summary>
    private static bool TryRead(ReadOnlySpan<byte> input, byte tag, out ReadOnlySpan<byte> value, out ReadOnlySpan<byte> rest)
    {
        value = default;
        rest = default;
        if (input.Length < 2 || input[0] != tag)
        {
            return false;
        }

        int length = input[1];
        int header = 2;
        if (length >= 0x80)
        {
            int count = length & 0x7f;
            if (count == 0 || count > 2 || input.Length < 2 + count || input[2] == 0)
            {
                return false;
            }

            length = 0;
            for (int i = 0; i < count; i++)
            {
                length = (length << 8) | input[2 + i];
            }

            if (length < 0x80)
            {
                return false;
            }

            header += count;
        }

        if (input.Length - header < length)
        {
            return false;
        }

        value = input.Slice(header, length);
        rest = input.Slice(header + length);
        return true;
    }
}
