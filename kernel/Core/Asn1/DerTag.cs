namespace Lvbs.Kernel.Asn1;

/// <summary>
/// Identifier octets (X.690 §8.1.2) of the universal and context-specific tags X.509 and
/// PKCS#7 use. Only the low-tag-number form exists here: one octet per tag.
/// </summary>
public static class DerTag
{
    /// <summary>Bit 6 of the identifier octet: constructed encoding (§8.1.2.5).</summary>
    public const byte ConstructedBit = 0x20;
    /// <summary>BOOLEAN (universal 1).</summary>
    public const byte Boolean = 0x01;
    /// <summary>INTEGER (universal 2).</summary>
    public const byte Integer = 0x02;
    /// <summary>BIT STRING (universal 3), primitive (DER §10.2).</summary>
    public const byte BitString = 0x03;
    /// <summary>OCTET STRING (universal 4), primitive (DER §10.2).</summary>
    public const byte OctetString = 0x04;
    /// <summary>NULL (universal 5).</summary>
    public const byte Null = 0x05;
    /// <summary>OBJECT IDENTIFIER (universal 6).</summary>
    public const byte ObjectIdentifier = 0x06;
    /// <summary>SEQUENCE / SEQUENCE OF (universal 16, constructed).</summary>
    public const byte Sequence = 0x30;
    /// <summary>SET / SET OF (universal 17, constructed).</summary>
    public const byte Set = 0x31;

    /// <summary>[n] with the constructed bit: EXPLICIT tagging, or IMPLICIT over a constructed type.</summary>
    public static byte ContextConstructed(int n) => (byte)(0xA0 | n);

    /// <summary>[n] primitive: IMPLICIT over a primitive type.</summary>
    public static byte ContextPrimitive(int n) => (byte)(0x80 | n);
}
