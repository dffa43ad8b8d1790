using System;

namespace Lvbs.Kernel.Asn1;

/// <summary>One decoded TLV: its identifier octet, contents octets and the whole encoding.</summary>
public readonly ref struct DerElement
{
    /// <summary>Creates an element view (used by <see cref="DerReader"/>).</summary>
    public DerElement(byte tag, ReadOnlySpan<byte> encoded, int headerLength)
    {
        Tag = tag;
        Encoded = encoded;
        Content = encoded.Slice(headerLength);
    }

    /// <summary>The identifier octet.</summary>
    public byte Tag { get; }

    /// <summary>Identifier, length and contents octets (what a signature over a structure covers).</summary>
    public ReadOnlySpan<byte> Encoded { get; }

    /// <summary>The contents octets only.</summary>
    public ReadOnlySpan<byte> Content { get; }

    /// <summary>True when the constructed bit is set (§8.1.2.5).</summary>
    public bool IsConstructed => (Tag & DerTag.ConstructedBit) != 0;
}
