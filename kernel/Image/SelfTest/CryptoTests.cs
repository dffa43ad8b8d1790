using System;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Aes;
using Lvbs.Kernel.Crypto.Conformance;
using Lvbs.Kernel.Crypto.Curve25519;
using Lvbs.Kernel.Crypto.Hashing;
using Lvbs.Kernel.Crypto.Random;
using Lvbs.Kernel.Image.Platform;

namespace Lvbs.Kernel.Image.SelfTest;

/// <summary>
/// Known-answer tests of the kernel's own cryptography, run inside the image: the same code the
/// hosted tests check against Wycheproof and BouncyCastle, here on the freestanding runtime and
/// with the image's hardware paths (AES-NI, PCLMULQDQ).
/// </summary>
internal static class CryptoTests
{
    internal static void Register()
    {
        SelfTestRunner.Run("crypto.sha2-kat", SymmetricSelfTest.Sha2);
        SelfTestRunner.Run("crypto.hmac-hkdf-kat", SymmetricSelfTest.HmacAndHkdf);
        SelfTestRunner.Run("crypto.aes-software-kat", () => SymmetricSelfTest.Aes(AesImplementation.Software));
        SelfTestRunner.Run("crypto.aes-ni-kat", () => SymmetricSelfTest.Aes(AesImplementation.Hardware));
        SelfTestRunner.Run("crypto.ed25519-rfc8032-test1", Ed25519Test1);
        SelfTestRunner.Run("crypto.ed25519-mixed-order-cofactorless", Ed25519MixedOrder);
        SelfTestRunner.Run("crypto.x25519-rfc7748", X25519Vector);
        SelfTestRunner.Run("crypto.hmac-drbg-seeded-from-cpu", DrbgFromCpu);
    }

    private static byte[] Hex(string hex)
    {
        byte[] bytes = new byte[hex.Length / 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((Nibble(hex[2 * i]) << 4) | Nibble(hex[2 * i + 1]));
        }
        return bytes;
    }

    private static int Nibble(char c) => c <= '9' ? c - '0' : c - 'a' + 10;

    // RFC 8032 §7.1, TEST 1 (empty message).
    private static string? Ed25519Test1()
    {
        byte[] secret = Hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] expectedPublic = Hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        byte[] expectedSignature = Hex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        byte[] publicKey = new byte[32];
        byte[] signature = new byte[64];
        if (Ed25519.DerivePublicKey(secret, publicKey) != CryptoStatus.Success || !publicKey.AsSpan().SequenceEqual(expectedPublic))
        {
            return "public key";
        }
        if (Ed25519.Sign(secret, ReadOnlySpan<byte>.Empty, signature) != CryptoStatus.Success || !signature.AsSpan().SequenceEqual(expectedSignature))
        {
            return "signature";
        }
        signature[0] ^= 1;
        return Ed25519.Verify(publicKey, ReadOnlySpan<byte>.Empty, expectedSignature) && !Ed25519.Verify(publicKey, ReadOnlySpan<byte>.Empty, signature)
            ? null : "verification";
    }

    // A = [a]B + T8 (T8 of order 8), R = [r]B + T_R, made with the hosted tests' BigInteger
    // reference model: the first signature satisfies the cofactorless equation exactly, the
    // second only the cofactored one. The half-length verification must tell them apart here too.
    private static string? Ed25519MixedOrder()
    {
        byte[] publicKey = Hex("1e53a3cdda193ad7220c0b25dfd84f9bb35d0957ee87763da5221dc3da1566fb");
        byte[] message = Hex("6c766273206d697865642d6f72646572");
        byte[] valid = Hex("5e2240f15381b3a93494cc8b18fde787848c2cb36a25fb708d6709afb33a3c1002bf8eae19016bab51a863a8d17376c1e0eeb777e1ccfab3f9d5e51cb39be605");
        byte[] cofactoredOnly = Hex("79952884ca9a7572e9eedd2eac29f5120f44dfcde4a335a34d616c333a67c0285731dad1685b7b4835432a5d28ca72833b587357698f4d8b8f07052a6fcc4703");
        if (!Ed25519.Verify(publicKey, message, valid))
        {
            return "cofactorless-valid signature rejected";
        }

        return Ed25519.Verify(publicKey, message, cofactoredOnly) ? "cofactored-only signature accepted" : null;
    }

    // RFC 7748 §5.2, first X25519 vector.
    private static string? X25519Vector()
    {
        byte[] scalar = Hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
        byte[] u = Hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
        byte[] expected = Hex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
        byte[] output = new byte[32];
        return X25519.ScalarMult(scalar, u, output) == CryptoStatus.Success && output.AsSpan().SequenceEqual(expected) ? null : "shared secret";
    }

    // SP 800-90A HMAC_DRBG instantiated from RDSEED/RDRAND through the SP 800-90B health tests.
    private static string? DrbgFromCpu()
    {
        CpuEntropySource source = new CpuEntropySource();
        HmacDrbg<Sha256> drbg = new HmacDrbg<Sha256>(source);
        CryptoStatus status = drbg.Instantiate("lvbs selftest"u8);
        if (status != CryptoStatus.Success)
        {
            return source.Instruction == "none" ? null : "instantiate from " + source.Instruction + " failed";
        }
        byte[] first = new byte[64], second = new byte[64];
        if (drbg.Generate(first) != CryptoStatus.Success || drbg.Generate(second) != CryptoStatus.Success)
        {
            return "generate";
        }
        bool allZero = true;
        for (int i = 0; i < first.Length; i++)
        {
            allZero &= first[i] == 0;
        }
        return !allZero && !first.AsSpan().SequenceEqual(second) ? null : "outputs are zero or repeat";
    }
}
