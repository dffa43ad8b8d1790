using System;
using Lvbs.Kernel.Crypto.Hashing;
using Lvbs.Kernel.Crypto.Kdf;
using Lvbs.Kernel.Crypto.Mac;

namespace Lvbs.Kernel.Crypto.Conformance;

/// <summary>
/// Per-vector checks for the HMAC and HKDF families of Wycheproof v1 files, on already-decoded
/// fields (the kernel cannot parse JSON; a host runner parses and calls these). Each returns
/// whether our implementation <em>accepts</em> the vector; the caller compares that with the
/// vector's <c>result</c> (valid → must accept, invalid → must reject, acceptable → either).
/// </summary>
public static class MacKdfVectorChecks
{
    /// <summary>
    /// mac_test_schema_v1 with an HMAC algorithm: accepts if HMAC(key, msg) truncated to
    /// <paramref name="tagSizeBits"/> equals <paramref name="tag"/>. An unknown hash rejects.
    /// </summary>
    public static bool HmacAccepts(HashAlgorithmId hash, ReadOnlySpan<byte> key, ReadOnlySpan<byte> msg, ReadOnlySpan<byte> tag, int tagSizeBits)
    {
        if (tagSizeBits <= 0 || (tagSizeBits & 7) != 0)
        {
            return false;
        }

        int tagLength = tagSizeBits / 8;
        switch (hash)
        {
            case HashAlgorithmId.Sha1:
                return Verify<Sha1>(key, msg, tag, tagLength);
            case HashAlgorithmId.Sha256:
                return Verify<Sha256>(key, msg, tag, tagLength);
            case HashAlgorithmId.Sha384:
                return Verify<Sha384>(key, msg, tag, tagLength);
            case HashAlgorithmId.Sha512:
                return Verify<Sha512>(key, msg, tag, tagLength);
            default:
                return false;
        }
    }

    /// <summary>
    /// hkdf_test_schema_v1: accepts if HKDF(ikm, salt, info) of <paramref name="size"/> bytes
    /// succeeds and equals <paramref name="okm"/>. Sizes beyond 255·HashLen are refused by HKDF
    /// itself (RFC 5869 §2.3), which is what the "SizeTooLarge" vectors expect.
    /// </summary>
    public static bool HkdfAccepts(HashAlgorithmId hash, ReadOnlySpan<byte> ikm, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> info, int size, ReadOnlySpan<byte> okm)
    {
        if (size < 0 || size > 255 * 64 || okm.Length != size)
        {
            return false;
        }

        // Heap, not stack: up to 16 KiB would not fit a kernel stack. Not a hot path.
        Span<byte> output = new byte[size];
        CryptoStatus status;
        switch (hash)
        {
            case HashAlgorithmId.Sha1:
                status = Hkdf.DeriveKey<Sha1>(ikm, salt, info, output);
                break;
            case HashAlgorithmId.Sha256:
                status = Hkdf.DeriveKey<Sha256>(ikm, salt, info, output);
                break;
            case HashAlgorithmId.Sha384:
                status = Hkdf.DeriveKey<Sha384>(ikm, salt, info, output);
                break;
            case HashAlgorithmId.Sha512:
                status = Hkdf.DeriveKey<Sha512>(ikm, salt, info, output);
                break;
            default:
                return false;
        }

        return status == CryptoStatus.Success && FixedTime.AreEqual(output, okm);
    }

    private static bool Verify<THash>(ReadOnlySpan<byte> key, ReadOnlySpan<byte> msg, ReadOnlySpan<byte> tag, int tagLength)
        where THash : struct, IHashFunction
    {
        Hmac<THash> mac = Hmac<THash>.Create(key);
        mac.Append(msg);
        bool ok = mac.FinishAndVerifyTruncated(tag, tagLength);
        mac.Clear();
        return ok;
    }
}
