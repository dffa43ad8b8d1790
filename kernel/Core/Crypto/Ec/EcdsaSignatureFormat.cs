using System;

namespace Lvbs.Kernel.Crypto.Ec;

/// <summary>
/// Conversion between IEEE P1363 (r || s) and DER (SEQUENCE { INTEGER r, INTEGER s }, SEC 1
/// §C.8 / RFC 3279 §2.2.3) ECDSA signatures. The DER parser is strict per X.690 §10 (DER):
/// definite minimal lengths, minimal positive INTEGER encodings, no trailing bytes.
/// </summary>
public static class EcdsaSignatureFormat
{
    /// <summary>
    /// Parses a DER signature into P1363 form (2·FieldBytes). Returns false and leaves p1363
    /// untouched for any deviation from DER or an integer longer than FieldBytes.
    /// </summary>
    public static bool TryDerToP1363(EcCurve c, ReadOnlySpan<byte> der, Span<byte> p1363)
    {
        int fb = c.FieldBytes;
        if (p1363.Length < 2 * fb)
        {
            return false;
        }

        // X.690 §8.9: SEQUENCE, constructed, tag 0x30.
        if (der.Length < 2 || der[0] != 0x30)
        {
            return false;
        }

        if (!TryReadLength(der.Slice(1), out int seqLen, out int lenBytes) || 1 + lenBytes + seqLen != der.Length)
        {
            return false; // length must cover exactly the rest (no trailing bytes)
        }

        ReadOnlySpan<byte> body = der.Slice(1 + lenBytes);
        Span<byte> tmp = stackalloc byte[2 * fb];
        if (!TryReadInteger(body, fb, tmp.Slice(0, fb), out int used1))
        {
            return false;
        }

        body = body.Slice(used1);
        if (!TryReadInteger(body, fb, tmp.Slice(fb, fb), out int used2) || used2 != body.Length)
        {
            return false;
        }

        tmp.CopyTo(p1363);
        return true;
    }

    /// <summary>X.690 §8.1.3 definite length in DER form (§10.1: minimal; long form only for ≥ 128).</summary>
    private static bool TryReadLength(ReadOnlySpan<byte> input, out int length, out int consumed)
    {
        length = 0;
        consumed = 0;
        if (input.IsEmpty)
        {
            return false;
        }

        byte first = input[0];
        if (first < 0x80)
        {
            length = first;
            consumed = 1;
            return true;
        }

        if (first == 0x81)
        {
            if (input.Length < 2 || input[1] < 0x80)
            {
                return false; // non-minimal long form
            }

            length = input[1];
            consumed = 2;
            return true;
        }

        return false; // indefinite (0x80) or longer than any signature here
    }

    /// <summary>
    /// An INTEGER (tag 0x02, X.690 §8.3) that is positive and minimally encoded (§8.3.2), copied
    /// right-aligned into dst (FieldBytes).
    /// </summary>
    private static bool TryReadInteger(ReadOnlySpan<byte> input, int fieldBytes, Span<byte> dst, out int consumed)
    {
        consumed = 0;
        if (input.Length < 2 || input[0] != 0x02)
        {
            return false;
        }

        if (!TryReadLength(input.Slice(1), out int len, out int lenBytes) || len == 0 || 1 + lenBytes + len > input.Length)
        {
            return false;
        }

        ReadOnlySpan<byte> v = input.Slice(1 + lenBytes, len);
        if ((v[0] & 0x80) != 0)
        {
            return false; // negative
        }

        if (v[0] == 0 && len > 1 && (v[1] & 0x80) == 0)
        {
            return false; // redundant leading zero
        }

        if (v[0] == 0 && len > 1)
        {
            v = v.Slice(1);
        }

        if (v.Length > fieldBytes)
        {
            return false;
        }

        dst.Clear();
        v.CopyTo(dst.Slice(fieldBytes - v.Length));
        consumed = 1 + lenBytes + len;
        return true;
    }

    /// <summary>Maximum DER size for a curve: 2 + 2·(2 + 1 + FieldBytes) (+1 for a long-form length).</summary>
    public static int MaxDerSize(EcCurve c) => 3 + (2 * (3 + c.FieldBytes));

    /// <summary>Encodes P1363 (r || s) as DER into der; returns the length written, 0 if der is too small.</summary>
    public static int P1363ToDer(EcCurve c, ReadOnlySpan<byte> p1363, Span<byte> der)
    {
        int fb = c.FieldBytes;
        ReadOnlySpan<byte> r = Trim(p1363.Slice(0, fb));
        ReadOnlySpan<byte> s = Trim(p1363.Slice(fb, fb));
        int rLen = r.Length + ((r[0] & 0x80) != 0 ? 1 : 0);
        int sLen = s.Length + ((s[0] & 0x80) != 0 ? 1 : 0);
        int body = 2 + rLen + 2 + sLen;
        int total = body + (body >= 0x80 ? 3 : 2);
        if (der.Length < total)
        {
            return 0;
        }

        int pos = 0;
        der[pos++] = 0x30;
        if (body >= 0x80)
        {
            der[pos++] = 0x81;
        }

        der[pos++] = (byte)body;
        pos = WriteInteger(der, pos, r, rLen);
        WriteInteger(der, pos, s, sLen);
        return total;
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> v)
    {
        int i = 0;
        while (i < v.Length - 1 && v[i] == 0)
        {
            i++;
        }

        return v.Slice(i);
    }

    private static int WriteInteger(Span<byte> der, int pos, ReadOnlySpan<byte> v, int len)
    {
        der[pos++] = 0x02;
        der[pos++] = (byte)len;
        if (len > v.Length)
        {
            der[pos++] = 0;
        }

        v.CopyTo(der.Slice(pos));
        return pos + v.Length;
    }
}
