using Lvbs.Crypto.Conformance.Wycheproof;
using Lvbs.Kernel.Crypto.Aes;
using Lvbs.Kernel.Crypto.Conformance;
using Lvbs.Kernel.Crypto.Hashing;

namespace Lvbs.Crypto.Conformance;

/// <summary>AEAD, MAC, HKDF and IND-CPA vectors, evaluated with the kernel's per-vector checks.</summary>
internal static class SymmetricVectors
{
    public static VectorVerdict Aead(WycheproofTest t, AesImplementation impl)
    {
        if (t.Group.File.Algorithm != "AES-GCM")
        {
            return VectorVerdict.Skip("AEAD " + t.Group.File.Algorithm + " not implemented");
        }

        return From(AesVectorChecks.Gcm(impl, t.Hex("key"), t.Hex("iv"), t.Hex("aad"), t.Hex("msg"), t.Hex("ct"), t.Hex("tag")));
    }

    public static VectorVerdict IndCpa(WycheproofTest t, AesImplementation impl)
    {
        if (t.Group.File.Algorithm != "AES-CBC-PKCS5")
        {
            return VectorVerdict.Skip("cipher " + t.Group.File.Algorithm + " not implemented");
        }

        return From(AesVectorChecks.CbcPkcs7(impl, t.Hex("key"), t.Hex("iv"), t.Hex("msg"), t.Hex("ct")));
    }

    public static VectorVerdict Mac(WycheproofTest t, AesImplementation impl)
    {
        string algorithm = t.Group.File.Algorithm;
        int tagSize = t.Group.Int("tagSize");
        if (algorithm == "AES-CMAC")
        {
            return From(AesVectorChecks.Cmac(impl, t.Hex("key"), t.Hex("msg"), t.Hex("tag"), tagSize));
        }

        HashAlgorithmId hash = algorithm switch
        {
            "HMACSHA1" => HashAlgorithmId.Sha1,
            "HMACSHA256" => HashAlgorithmId.Sha256,
            "HMACSHA384" => HashAlgorithmId.Sha384,
            "HMACSHA512" => HashAlgorithmId.Sha512,
            _ => HashAlgorithmId.None,
        };
        if (hash == HashAlgorithmId.None)
        {
            return VectorVerdict.Skip("MAC " + algorithm + " not implemented");
        }

        return VectorVerdict.AcceptedIf(MacKdfVectorChecks.HmacAccepts(hash, t.Hex("key"), t.Hex("msg"), t.Hex("tag"), tagSize));
    }

    public static VectorVerdict Hkdf(WycheproofTest t)
    {
        string algorithm = t.Group.File.Algorithm;
        HashAlgorithmId hash = algorithm switch
        {
            "HKDF-SHA-1" => HashAlgorithmId.Sha1,
            "HKDF-SHA-256" => HashAlgorithmId.Sha256,
            "HKDF-SHA-384" => HashAlgorithmId.Sha384,
            "HKDF-SHA-512" => HashAlgorithmId.Sha512,
            _ => HashAlgorithmId.None,
        };
        if (hash == HashAlgorithmId.None)
        {
            return VectorVerdict.Skip("KDF " + algorithm + " not implemented");
        }

        return VectorVerdict.AcceptedIf(MacKdfVectorChecks.HkdfAccepts(hash, t.Hex("ikm"), t.Hex("salt"), t.Hex("info"), t.Int("size"), t.Hex("okm")));
    }

    private static VectorVerdict From(VectorOutcome outcome) => outcome switch
    {
        VectorOutcome.Accepted => VectorVerdict.Accepted,
        VectorOutcome.Rejected => VectorVerdict.Rejected,
        _ => VectorVerdict.Mismatch,
    };
}
