using System;
using Lvbs.Kernel.Crypto.Hashing;

namespace Lvbs.Kernel.Crypto.Mac;

/// <summary>
/// HMAC (RFC 2104, FIPS 198-1) over any <see cref="IHashFunction"/> struct. The keyed inner and
/// outer states are computed once in <see cref="Create"/> and copied per message, so a keyed
/// instance costs two compressions less per MAC than re-keying. Constant-time in key and
/// message contents; tag checks use <see cref="FixedTime.AreEqual"/>.
/// </summary>
/// <typeparam name="THash">The hash, e.g. <see cref="Sha256"/>.</typeparam>
public struct Hmac<THash>
    where THash : struct, IHashFunction
{
    private THash _innerKeyed;
    private THash _outerKeyed;
    private THash _inner;

    /// <summary>MAC size in bytes (the hash's digest size).</summary>
    public readonly int MacSize => _innerKeyed.HashSizeInBytes;

    /// <summary>Keys an HMAC. Any key length is valid (RFC 2104 §2: long keys are hashed first).</summary>
    public static Hmac<THash> Create(ReadOnlySpan<byte> key)
    {
        THash inner = default;
        THash outer = default;
        inner.Reset();
        outer.Reset();
        int blockSize = inner.BlockSizeInBytes;
        Span<byte> pad = stackalloc byte[128];
        pad = pad.Slice(0, blockSize);
        pad.Clear();
        if (key.Length > blockSize)
        {
            THash h = default;
            h.Reset();
            h.Append(key);
            h.Finish(pad);
            h.Clear();
        }
        else
        {
            key.CopyTo(pad);
        }

        for (int i = 0; i < pad.Length; i++)
        {
            pad[i] ^= 0x36;
        }

        inner.Append(pad);
        for (int i = 0; i < pad.Length; i++)
        {
            pad[i] ^= 0x36 ^ 0x5c;
        }

        outer.Append(pad);
        pad.Clear();
        Hmac<THash> mac = default;
        mac._innerKeyed = inner;
        mac._outerKeyed = outer;
        mac._inner = inner;
        return mac;
    }

    /// <summary>One-shot HMAC of <paramref name="message"/> into <paramref name="destination"/>.</summary>
    public static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        Hmac<THash> mac = Create(key);
        mac.Append(message);
        mac.Finish(destination);
        mac.Clear();
    }

    /// <summary>Absorbs message bytes.</summary>
    public void Append(ReadOnlySpan<byte> data) => _inner.Append(data);

    /// <summary>Writes the MAC and resets to the keyed state for the next message.</summary>
    public void Finish(Span<byte> destination)
    {
        Span<byte> innerDigest = stackalloc byte[64];
        int size = _innerKeyed.HashSizeInBytes;
        innerDigest = innerDigest.Slice(0, size);
        _inner.Finish(innerDigest);
        THash outer = _outerKeyed;
        outer.Append(innerDigest);
        outer.Finish(destination);
        innerDigest.Clear();
        outer.Clear();
        _inner = _innerKeyed;
    }

    /// <summary>
    /// Finishes and compares with <paramref name="tag"/> in constant time. The tag must be the
    /// full MAC size; for truncated tags use <see cref="FinishAndVerifyTruncated"/>.
    /// </summary>
    public bool FinishAndVerify(ReadOnlySpan<byte> tag) => FinishAndVerifyTruncated(tag, MacSize);

    /// <summary>
    /// Finishes and compares the first <paramref name="tagLength"/> bytes of the MAC with
    /// <paramref name="tag"/> in constant time. Fails if <paramref name="tag"/> is not exactly
    /// <paramref name="tagLength"/> bytes or <paramref name="tagLength"/> is outside
    /// [10, MacSize] (RFC 2104 §5 recommends at least half the output and never less than 80 bits).
    /// </summary>
    public bool FinishAndVerifyTruncated(ReadOnlySpan<byte> tag, int tagLength)
    {
        Span<byte> full = stackalloc byte[64];
        full = full.Slice(0, MacSize);
        Finish(full);
        bool ok = tagLength >= 10 && tagLength <= full.Length && tag.Length == tagLength
            && FixedTime.AreEqual(full.Slice(0, tagLength), tag);
        full.Clear();
        return ok;
    }

    /// <summary>Zeroes the keyed states.</summary>
    public void Clear()
    {
        _inner.Clear();
        _innerKeyed.Clear();
        _outerKeyed.Clear();
    }
}
