using System;
using Lvbs.Crypto.Conformance.Wycheproof;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Curve25519;

namespace Lvbs.Crypto.Conformance;

/// <summary>
/// Ed25519 verification and X25519 vectors. X25519 refuses an all-zero shared secret (RFC 7748
/// §6.1), so low-order public keys (flagged "acceptable" in Wycheproof) are rejected.
/// </summary>
internal static class Curve25519Vectors
{
    public static VectorVerdict Eddsa(WycheproofTest t)
    {
        string curve = t.Group.Json.GetProperty("publicKey").GetProperty("curve").GetString() ?? "";
        if (curve != "edwards25519")
        {
            return VectorVerdict.Skip("curve " + curve + " not implemented");
        }

        return VectorVerdict.AcceptedIf(Ed25519.Verify(t.Group.Hex("publicKey", "pk"), t.Hex("msg"), t.Hex("sig")));
    }

    public static VectorVerdict Xdh(WycheproofTest t)
    {
        string curve = t.Group.String("curve");
        if (curve != "curve25519")
        {
            return VectorVerdict.Skip("curve " + curve + " not implemented");
        }

        byte[] shared = new byte[32];
        if (X25519.ScalarMult(t.Hex("private"), t.Hex("public"), shared) != CryptoStatus.Success)
        {
            return VectorVerdict.Rejected;
        }

        return shared.AsSpan().SequenceEqual(t.Hex("shared")) ? VectorVerdict.Accepted : VectorVerdict.Mismatch;
    }
}
