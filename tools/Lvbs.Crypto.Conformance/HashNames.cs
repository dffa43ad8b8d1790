using Lvbs.Kernel.Crypto.Rsa;

namespace Lvbs.Crypto.Conformance;

/// <summary>Wycheproof hash names (<c>sha</c>, <c>mgfSha</c> fields) to the kernel's digests.</summary>
internal static class HashNames
{
    /// <summary>The digest, or false for a hash the kernel does not implement (SHA-224, SHA-3...).</summary>
    public static bool TryGet(string name, out DigestAlgorithm algorithm)
    {
        switch (name)
        {
            case "SHA-1":
                algorithm = DigestAlgorithm.Sha1;
                return true;
            case "SHA-256":
                algorithm = DigestAlgorithm.Sha256;
                return true;
            case "SHA-384":
                algorithm = DigestAlgorithm.Sha384;
                return true;
            case "SHA-512":
                algorithm = DigestAlgorithm.Sha512;
                return true;
            default:
                algorithm = default;
                return false;
        }
    }

    /// <summary>The message digest with the kernel's hash.</summary>
    public static byte[] Hash(DigestAlgorithm algorithm, byte[] message)
    {
        byte[] digest = new byte[Digests.SizeOf(algorithm)];
        Digests.TryHash(algorithm, message, digest);
        return digest;
    }
}
