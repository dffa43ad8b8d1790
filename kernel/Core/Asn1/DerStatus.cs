namespace Lvbs.Kernel.Asn1;

/// <summary>Why a DER read failed (ITU-T X.690 §8, §10). <see cref="Ok"/> is the only success.</summary>
public enum DerStatus
{
    /// <summary>The element was read.</summary>
    Ok = 0,
    /// <summary>The input ends inside the identifier, length or contents octets.</summary>
    Truncated,
    /// <summary>Length octet 0x80: the indefinite form, not allowed in DER (§10.1).</summary>
    IndefiniteLength,
    /// <summary>A length not in its shortest form (§10.1), or the reserved length octet 0xFF (§8.1.3.5 c).</summary>
    NonMinimalLength,
    /// <summary>A length larger than the remaining input (or than 2^31 - 1).</summary>
    LengthTooLarge,
    /// <summary>A tag number ≥ 31 (high-tag-number form, §8.1.2.4): never used by X.509 or PKCS#7.</summary>
    HighTagNumber,
    /// <summary>The element's tag is not the one the grammar requires here.</summary>
    UnexpectedTag,
    /// <summary>Nesting deeper than <see cref="DerReader.MaxDepth"/>.</summary>
    TooDeep,
    /// <summary>Contents that break the DER rules of their type (INTEGER, OID, BOOLEAN, NULL, BIT STRING).</summary>
    InvalidValue,
    /// <summary>Bytes left after the last element the grammar allows.</summary>
    TrailingData,
}
