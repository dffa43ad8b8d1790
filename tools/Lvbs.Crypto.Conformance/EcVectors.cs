using System;
using Lvbs.Crypto.Conformance.Wycheproof;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Ec;
using Lvbs.Kernel.Crypto.Rsa;

namespace Lvbs.Crypto.Conformance;

/// <summary>
/// ECDSA (DER and P1363) and ECDH vectors. For ECDH with SubjectPublicKeyInfo keys the envelope is
/// decoded by <see cref="SpkiDecoder"/>: only a named-curve key on the group's curve is taken, so
/// "acceptable" envelopes (explicit parameters, odd ASN.1) are rejected, which conforms.
/// </summary>
internal static class EcVectors
{
    private static EcCurve? Curve(string name) => name switch
    {
        "secp256r1" => EcCurve.P256,
        "secp384r1" => EcCurve.P384,
        _ => null,
    };

    public static VectorVerdict Ecdsa(WycheproofTest t, bool p1363)
    {
        WycheproofGroup g = t.Group;
        string curveName = g.Json.GetProperty("publicKey").GetProperty("curve").GetString() ?? "";
        EcCurve? c = Curve(curveName);
        if (c is null)
        {
            return VectorVerdict.Skip("curve " + curveName + " not implemented");
        }

        string sha = g.String("sha");
        if (!HashNames.TryGet(sha, out DigestAlgorithm hash))
        {
            return VectorVerdict.Skip("hash " + sha + " not implemented");
        }

        byte[] pub = g.Hex("publicKey", "uncompressed");
        byte[] digest = HashNames.Hash(hash, t.Hex("msg"));
        byte[] sig = t.Hex("sig");
        if (p1363)
        {
            return VectorVerdict.AcceptedIf(Kernel.Crypto.Ec.Ecdsa.Verify(c, pub, digest, sig));
        }

        byte[] raw = new byte[2 * c.FieldBytes];
        if (!EcdsaSignatureFormat.TryDerToP1363(c, sig, raw) || !Kernel.Crypto.Ec.Ecdsa.Verify(c, pub, digest, raw))
        {
            return VectorVerdict.Rejected;
        }

        // An accepted signature must re-encode to exactly the DER it came from (strict DER).
        byte[] der = new byte[EcdsaSignatureFormat.MaxDerSize(c)];
        int length = EcdsaSignatureFormat.P1363ToDer(c, raw, der);
        return der.AsSpan(0, length).SequenceEqual(sig) ? VectorVerdict.Accepted : VectorVerdict.Mismatch;
    }

    public static VectorVerdict Ecdh(WycheproofTest t, bool spki)
    {
        string curveName = t.Group.String("curve");
        EcCurve? c = Curve(curveName);
        if (c is null)
        {
            return VectorVerdict.Skip("curve " + curveName + " not implemented");
        }

        byte[] point;
        if (spki)
        {
            if (!SpkiDecoder.TryGetPoint(t.Hex("public"), c.Id, out point))
            {
                return VectorVerdict.Rejected;
            }
        }
        else
        {
            point = t.Hex("public");
        }

        byte[]? priv = FixedLength(t.Hex("private"), c.FieldBytes);
        if (priv is null)
        {
            return VectorVerdict.Rejected;
        }

        byte[] shared = new byte[c.FieldBytes];
        if (Kernel.Crypto.Ec.Ecdh.DeriveSharedSecret(c, priv, point, shared) != CryptoStatus.Success)
        {
            return VectorVerdict.Rejected;
        }

        return shared.AsSpan().SequenceEqual(t.Hex("shared")) ? VectorVerdict.Accepted : VectorVerdict.Mismatch;
    }

    /// <summary>
    /// Wycheproof private keys are ASN.1-INTEGER-like: possibly a leading zero, possibly short.
    /// Null if the value does not fit the field size.
    /// </summary>
    private static byte[]? FixedLength(byte[] v, int length)
    {
        int start = 0;
        while (v.Length - start > length && v[start] == 0)
        {
            start++;
        }

        if (v.Length - start > length)
        {
            return null;
        }

        byte[] r = new byte[length];
        Array.Copy(v, start, r, length - (v.Length - start), v.Length - start);
        return r;
    }
}
