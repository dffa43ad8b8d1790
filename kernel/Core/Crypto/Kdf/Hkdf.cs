using System;
using Lvbs.Kernel.Crypto.Hashing;
using Lvbs.Kernel.Crypto.Mac;

namespace Lvbs.Kernel.Crypto.Kdf;

/// <summary>
/// HKDF (RFC 5869) over any <see cref="IHashFunction"/> struct. Allocation-free; constant-time in
/// all secret inputs (it is HMAC throughout).
/// </summary>
public static class Hkdf
{
    /// <summary>
    /// HKDF-Extract (RFC 5869 §2.2): PRK = HMAC(salt, IKM). An empty salt means HashLen zeros,
    /// which HMAC's zero-padding of short keys already gives. <paramref name="prk"/> must hold
    /// HashLen bytes (caller invariant).
    /// </summary>
    public static void Extract<THash>(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> ikm, Span<byte> prk)
        where THash : struct, IHashFunction
    {
        Hmac<THash>.Compute(salt, ikm, prk);
    }

    /// <summary>
    /// HKDF-Expand (RFC 5869 §2.3). Returns <see cref="CryptoStatus.InvalidParameter"/> (writing
    /// nothing) if the output is longer than 255·HashLen, or the PRK is shorter than HashLen.
    /// </summary>
    public static CryptoStatus Expand<THash>(ReadOnlySpan<byte> prk, ReadOnlySpan<byte> info, Span<byte> okm)
        where THash : struct, IHashFunction
    {
        THash probe = default;
        int hashLen = probe.HashSizeInBytes;
        if (okm.Length > 255 * hashLen || prk.Length < hashLen)
        {
            return CryptoStatus.InvalidParameter;
        }

        Hmac<THash> mac = Hmac<THash>.Create(prk);
        Span<byte> t = stackalloc byte[64];
        t = t.Slice(0, hashLen);
        Span<byte> counter = stackalloc byte[1];
        int done = 0;
        for (int i = 1; done < okm.Length; i++)
        {
            // T(i) = HMAC(PRK, T(i-1) | info | i), T(0) empty.
            if (i > 1)
            {
                mac.Append(t);
            }

            mac.Append(info);
            counter[0] = (byte)i;
            mac.Append(counter);
            mac.Finish(t);
            int n = Math.Min(hashLen, okm.Length - done);
            t.Slice(0, n).CopyTo(okm.Slice(done));
            done += n;
        }

        t.Clear();
        mac.Clear();
        return CryptoStatus.Success;
    }

    /// <summary>Extract then Expand (RFC 5869 §2). Same failure rules as <see cref="Expand{THash}"/>.</summary>
    public static CryptoStatus DeriveKey<THash>(ReadOnlySpan<byte> ikm, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> info, Span<byte> okm)
        where THash : struct, IHashFunction
    {
        Span<byte> prk = stackalloc byte[64];
        THash probe = default;
        prk = prk.Slice(0, probe.HashSizeInBytes);
        if (okm.Length > 255 * prk.Length)
        {
            return CryptoStatus.InvalidParameter;
        }

        Extract<THash>(salt, ikm, prk);
        CryptoStatus status = Expand<THash>(prk, info, okm);
        prk.Clear();
        return status;
    }
}
