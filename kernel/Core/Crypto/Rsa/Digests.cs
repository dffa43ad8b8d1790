using System;
using Lvbs.Kernel.Crypto.Hashing;

namespace Lvbs.Kernel.Crypto.Rsa;

/// <summary>
/// Maps <see cref="DigestAlgorithm"/> to digest sizes, DER DigestInfo prefixes (RFC 8017 §9.2
/// note 1) and the kernel's hash implementations.
/// </summary>
public static class Digests
{
    private static readonly byte[] s_sha1Prefix = { 0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14 };
    private static readonly byte[] s_sha256Prefix = { 0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20 };
    private static readonly byte[] s_sha384Prefix = { 0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30 };
    private static readonly byte[] s_sha512Prefix = { 0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40 };

    /// <summary>Digest size in bytes, or 0 for a value outside the enum.</summary>
    public static int SizeOf(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Sha1 => 20,
        DigestAlgorithm.Sha256 => 32,
        DigestAlgorithm.Sha384 => 48,
        DigestAlgorithm.Sha512 => 64,
        _ => 0,
    };

    /// <summary>The DER DigestInfo header preceding the digest, or empty for an unknown value.</summary>
    public static ReadOnlySpan<byte> DigestInfoPrefix(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Sha1 => s_sha1Prefix,
        DigestAlgorithm.Sha256 => s_sha256Prefix,
        DigestAlgorithm.Sha384 => s_sha384Prefix,
        DigestAlgorithm.Sha512 => s_sha512Prefix,
        _ => ReadOnlySpan<byte>.Empty,
    };

    /// <summary>Hashes data into destination (≥ digest size); false for an unknown algorithm.</summary>
    public static bool TryHash(DigestAlgorithm algorithm, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        switch (algorithm)
        {
            case DigestAlgorithm.Sha1:
                Sha1.Hash(data, destination);
                return true;
            case DigestAlgorithm.Sha256:
                Sha256.Hash(data, destination);
                return true;
            case DigestAlgorithm.Sha384:
                Sha384.Hash(data, destination);
                return true;
            case DigestAlgorithm.Sha512:
                Sha512.Hash(data, destination);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Hashes the concatenation of up to three parts; false for an unknown algorithm.</summary>
    public static bool TryHash(DigestAlgorithm algorithm, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, Span<byte> destination)
    {
        switch (algorithm)
        {
            case DigestAlgorithm.Sha1:
                return HashParts<Sha1>(a, b, c, destination);
            case DigestAlgorithm.Sha256:
                return HashParts<Sha256>(a, b, c, destination);
            case DigestAlgorithm.Sha384:
                return HashParts<Sha384>(a, b, c, destination);
            case DigestAlgorithm.Sha512:
                return HashParts<Sha512>(a, b, c, destination);
            default:
                return false;
        }
    }

    private static bool HashParts<THash>(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, Span<byte> destination)
        where THash : struct, IHashFunction
    {
        THash h = default;
        h.Reset();
        h.Append(a);
        h.Append(b);
        h.Append(c);
        h.Finish(destination);
        return true;
    }
}
