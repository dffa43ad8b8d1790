using System;
using Lvbs.Kernel.Asn1;

namespace Lvbs.Kernel.Kexec.Authenticode;

/// <summary>
/// UTCTime and GeneralizedTime in the DER forms X.509 uses (RFC 5280 §4.1.2.5.1/.2:
/// YYMMDDHHMMSSZ and YYYYMMDDHHMMSSZ; UTCTime years 50–99 are 19xx), decoded to the comparable
/// number YYYYMMDDHHMMSS, with the field ranges Linux x509_decode_time enforces (a leap second
/// allowed). Used to check a signingTime against the signer certificate's validity.
/// </summary>
public static class Asn1Time
{
    /// <summary>UTCTime identifier octet.</summary>
    public const byte UtcTimeTag = 0x17;

    /// <summary>GeneralizedTime identifier octet.</summary>
    public const byte GeneralizedTimeTag = 0x18;

    /// <summary>Decodes a time element's contents; false when the form or a field is invalid.</summary>
    public static bool TryDecode(byte tag, ReadOnlySpan<byte> content, out ulong value)
    {
        value = 0;
        int year, at;
        if (tag == UtcTimeTag && content.Length == 13)
        {
            if (!TryDigits(content, 0, 2, out year))
            {
                return false;
            }
            year += year < 50 ? 2000 : 1900;
            at = 2;
        }
        else if (tag == GeneralizedTimeTag && content.Length == 15)
        {
            if (!TryDigits(content, 0, 4, out year))
            {
                return false;
            }
            at = 4;
        }
        else
        {
            return false;
        }
        if (content[content.Length - 1] != (byte)'Z'
            || !TryDigits(content, at, 2, out int month) || !TryDigits(content, at + 2, 2, out int day)
            || !TryDigits(content, at + 4, 2, out int hour) || !TryDigits(content, at + 6, 2, out int minute)
            || !TryDigits(content, at + 8, 2, out int second))
        {
            return false;
        }
        if (month < 1 || month > 12 || day < 1 || day > DaysIn(year, month) || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }
        value = (((((ulong)year * 100 + (ulong)month) * 100 + (ulong)day) * 100 + (ulong)hour) * 100 + (ulong)minute) * 100 + (ulong)second;
        return true;
    }

    /// <summary>
    /// Reads notBefore and notAfter from a certificate's tbsCertificate (RFC 5280 §4.1.2.5).
    /// False when the validity is not two well-formed times.
    /// </summary>
    public static bool TryReadValidity(ReadOnlySpan<byte> tbsCertificate, out ulong notBefore, out ulong notAfter)
    {
        notBefore = 0;
        notAfter = 0;
        DerReader outer = new DerReader(tbsCertificate);
        if (outer.TryEnter(DerTag.Sequence, out DerReader tbs) != DerStatus.Ok)
        {
            return false;
        }
        if (tbs.NextIs(DerTag.ContextConstructed(0)) && tbs.TrySkip() != DerStatus.Ok)
        {
            return false; // version
        }
        if (tbs.TrySkip() != DerStatus.Ok || tbs.TrySkip() != DerStatus.Ok || tbs.TrySkip() != DerStatus.Ok
            || tbs.TryEnter(DerTag.Sequence, out DerReader validity) != DerStatus.Ok
            || validity.TryRead(out DerElement from) != DerStatus.Ok || validity.TryRead(out DerElement to) != DerStatus.Ok
            || validity.ExpectEnd() != DerStatus.Ok)
        {
            return false; // serial, signature, issuer, then validity
        }
        return TryDecode(from.Tag, from.Content, out notBefore) && TryDecode(to.Tag, to.Content, out notAfter);
    }

    private static bool TryDigits(ReadOnlySpan<byte> s, int at, int count, out int value)
    {
        value = 0;
        for (int i = 0; i < count; i++)
        {
            int d = s[at + i] - (byte)'0';
            if (d < 0 || d > 9)
            {
                return false;
            }
            value = value * 10 + d;
        }
        return true;
    }

    private static int DaysIn(int year, int month)
    {
        switch (month)
        {
            case 2:
                return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }
}
