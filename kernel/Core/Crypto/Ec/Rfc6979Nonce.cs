using System;
using Lvbs.Kernel.Crypto.BigInteger;
using Lvbs.Kernel.Crypto.Hashing;
using Lvbs.Kernel.Crypto.Mac;

namespace Lvbs.Kernel.Crypto.Ec;

/// <summary>
/// Deterministic ECDSA nonces (RFC 6979 §3.2) from HMAC-THash. The field order bit lengths of
/// P-256 and P-384 are multiples of 8, so bits2int of a byte string is its first qlen/8 bytes.
/// Constant-time in the key and digest: a fixed sequence of HMAC calls per candidate.
/// </summary>
public sealed class Rfc6979Nonce<THash>
    where THash : struct, IHashFunction
{
    private readonly EcCurve _curve;
    private readonly byte[] _k;
    private readonly byte[] _v;
    private bool _first;

    /// <summary>Seeds the generator with the private key (FieldBytes) and message digest (§3.2 steps a–g).</summary>
    public Rfc6979Nonce(EcCurve curve, ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> digest)
    {
        _curve = curve;
        THash probe = default;
        int hLen = probe.HashSizeInBytes;
        _k = new byte[hLen];
        _v = new byte[hLen];
        _first = true;
        int fb = curve.FieldBytes;
        int n = curve.Limbs;

        // bits2octets(h1) = int2octets(bits2int(h1) mod q) (§2.3.4).
        Span<ulong> z = stackalloc ulong[n];
        Ecdsa.DigestToScalar(curve, digest, z);
        Span<byte> h1 = stackalloc byte[fb];
        Natural.TryToBigEndian(z, h1);

        _v.AsSpan().Fill(0x01);        // step b
        _k.AsSpan().Clear();           // step c
        Span<byte> sep = stackalloc byte[1];
        for (byte round = 0; round < 2; round++)
        {
            // steps d–g: K = HMAC_K(V || round || x || h1); V = HMAC_K(V).
            sep[0] = round;
            Hmac<THash> mac = Hmac<THash>.Create(_k);
            mac.Append(_v);
            mac.Append(sep);
            mac.Append(privateKey);
            mac.Append(h1);
            mac.Finish(_k);
            mac.Clear();
            HmacInto(_k, _v, _v);
        }

        h1.Clear();
    }

    /// <summary>The next candidate k in [1, n-1] (step h), as n limbs.</summary>
    public void Next(Span<ulong> k)
    {
        int fb = _curve.FieldBytes;
        Span<byte> t = stackalloc byte[fb + _v.Length];
        Span<byte> zero = stackalloc byte[1];
        zero[0] = 0;
        while (true)
        {
            if (!_first)
            {
                // step h.3: K = HMAC_K(V || 0x00); V = HMAC_K(V).
                Hmac<THash> mac = Hmac<THash>.Create(_k);
                mac.Append(_v);
                mac.Append(zero);
                mac.Finish(_k);
                mac.Clear();
                HmacInto(_k, _v, _v);
            }

            _first = false;
            int filled = 0;
            while (filled < fb)
            {
                HmacInto(_k, _v, _v);
                _v.CopyTo(t.Slice(filled));
                filled += _v.Length;
            }

            if (Ecdsa.TryScalar(_curve, t.Slice(0, fb), k))
            {
                t.Clear();
                return;
            }
        }
    }

    /// <summary>Erases K and V.</summary>
    public void Clear()
    {
        _k.AsSpan().Clear();
        _v.AsSpan().Clear();
    }

    private static void HmacInto(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> output)
    {
        Span<byte> tmp = stackalloc byte[64];
        Hmac<THash> mac = Hmac<THash>.Create(key);
        mac.Append(data);
        mac.Finish(tmp);
        mac.Clear();
        tmp.Slice(0, output.Length).CopyTo(output);
    }
}
