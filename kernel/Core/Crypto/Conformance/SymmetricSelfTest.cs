using System;
using Lvbs.Kernel.Crypto.Aes;
using Lvbs.Kernel.Crypto.Hashing;
using Lvbs.Kernel.Crypto.Kdf;
using Lvbs.Kernel.Crypto.Mac;

namespace Lvbs.Kernel.Crypto.Conformance;

/// <summary>
/// Power-on known-answer tests for the symmetric algorithms, runnable inside the image (no JSON,
/// no BCL crypto). Each returns null on success or a short failure message, matching the image's
/// self-test runner convention. AES tests take the implementation so both paths can be checked.
/// </summary>
public static class SymmetricSelfTest
{
    private static readonly byte[] Abc = { 0x61, 0x62, 0x63 };

    /// <summary>SHA-256/384/512 of "abc" (FIPS 180-4 examples).</summary>
    public static string? Sha2()
    {
        Span<byte> d = stackalloc byte[64];
        Sha256.Hash(Abc, d);
        if (!d.Slice(0, 32).SequenceEqual(Sha256Abc))
        {
            return "SHA-256 KAT";
        }

        Sha384.Hash(Abc, d);
        if (!d.Slice(0, 48).SequenceEqual(Sha384Abc))
        {
            return "SHA-384 KAT";
        }

        Sha512.Hash(Abc, d);
        return d.SequenceEqual(Sha512Abc) ? null : "SHA-512 KAT";
    }

    /// <summary>RFC 4231 case 2 and RFC 5869 case 1.</summary>
    public static string? HmacAndHkdf()
    {
        // "Jefe" / "what do ya want for nothing?"
        byte[] key = { 0x4a, 0x65, 0x66, 0x65 };
        byte[] msg =
        {
            0x77, 0x68, 0x61, 0x74, 0x20, 0x64, 0x6f, 0x20, 0x79, 0x61, 0x20, 0x77, 0x61, 0x6e,
            0x74, 0x20, 0x66, 0x6f, 0x72, 0x20, 0x6e, 0x6f, 0x74, 0x68, 0x69, 0x6e, 0x67, 0x3f,
        };
        Span<byte> mac = stackalloc byte[32];
        Hmac<Sha256>.Compute(key, msg, mac);
        if (!mac.SequenceEqual(HmacJefe))
        {
            return "HMAC-SHA-256 KAT";
        }

        Span<byte> ikm = stackalloc byte[22];
        ikm.Fill(0x0b);
        Span<byte> salt = stackalloc byte[13];
        for (int i = 0; i < salt.Length; i++)
        {
            salt[i] = (byte)i;
        }

        Span<byte> info = stackalloc byte[10];
        for (int i = 0; i < info.Length; i++)
        {
            info[i] = (byte)(0xf0 + i);
        }

        Span<byte> okm = stackalloc byte[42];
        if (Hkdf.DeriveKey<Sha256>(ikm, salt, info, okm) != CryptoStatus.Success || !okm.SequenceEqual(HkdfOkm))
        {
            return "HKDF-SHA-256 KAT";
        }

        return null;
    }

    /// <summary>FIPS 197 C.3 encrypt/decrypt, GCM test case 2 and RFC 4493 CMAC on the given implementation.</summary>
    public static string? Aes(AesImplementation implementation)
    {
        var key = new AesKey();
        Span<byte> k = stackalloc byte[32];
        for (int i = 0; i < 32; i++)
        {
            k[i] = (byte)i;
        }

        CryptoStatus status = key.SetKey(k, implementation);
        if (status == CryptoStatus.NotSupported)
        {
            return null; // nothing to test on this processor
        }

        Span<byte> block = stackalloc byte[16];
        Span<byte> pt = stackalloc byte[16];
        for (int i = 0; i < 16; i++)
        {
            pt[i] = (byte)(0x11 * i);
        }

        if (status != CryptoStatus.Success || AesEcb.Encrypt(key, pt, block) != CryptoStatus.Success || !block.SequenceEqual(Aes256Fips197))
        {
            return "AES-256 encrypt KAT";
        }

        if (AesEcb.Decrypt(key, block, block) != CryptoStatus.Success || !block.SequenceEqual(pt))
        {
            return "AES-256 decrypt KAT";
        }

        var gcm = new AesGcm();
        Span<byte> zero = stackalloc byte[16];
        zero.Clear();
        Span<byte> tag = stackalloc byte[16];
        if (gcm.SetKey(zero, implementation) != CryptoStatus.Success
            || gcm.Encrypt(zero.Slice(0, 12), zero, default, block, tag) != CryptoStatus.Success
            || !block.SequenceEqual(GcmCase2Ct) || !tag.SequenceEqual(GcmCase2Tag))
        {
            return "AES-GCM KAT";
        }

        tag[0] ^= 1;
        if (gcm.Decrypt(zero.Slice(0, 12), block, tag, default, pt) != CryptoStatus.AuthenticationFailed)
        {
            return "AES-GCM forged tag accepted";
        }

        gcm.Clear();
        if (key.SetKey(CmacKey, implementation) != CryptoStatus.Success
            || AesCmac.Compute(key, default, tag) != CryptoStatus.Success || !tag.SequenceEqual(CmacEmpty))
        {
            return "AES-CMAC KAT";
        }

        key.Clear();
        return null;
    }

    // FIPS 180-4 example: SHA-256("abc").
    private static readonly byte[] Sha256Abc =
    {
        0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23, 0xb0,
        0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
    };
    // SHA-384("abc").
    private static readonly byte[] Sha384Abc =
    {
        0xcb, 0x00, 0x75, 0x3f, 0x45, 0xa3, 0x5e, 0x8b, 0xb5, 0xa0, 0x3d, 0x69, 0x9a, 0xc6, 0x50, 0x07, 0x27,
        0x2c, 0x32, 0xab, 0x0e, 0xde, 0xd1, 0x63, 0x1a, 0x8b, 0x60, 0x5a, 0x43, 0xff, 0x5b, 0xed, 0x80, 0x86,
        0x07, 0x2b, 0xa1, 0xe7, 0xcc, 0x23, 0x58, 0xba, 0xec, 0xa1, 0x34, 0xc8, 0x25, 0xa7,
    };
    // SHA-512("abc").
    private static readonly byte[] Sha512Abc =
    {
        0xdd, 0xaf, 0x35, 0xa1, 0x93, 0x61, 0x7a, 0xba, 0xcc, 0x41, 0x73, 0x49, 0xae, 0x20, 0x41, 0x31, 0x12,
        0xe6, 0xfa, 0x4e, 0x89, 0xa9, 0x7e, 0xa2, 0x0a, 0x9e, 0xee, 0xe6, 0x4b, 0x55, 0xd3, 0x9a, 0x21, 0x92,
        0x99, 0x2a, 0x27, 0x4f, 0xc1, 0xa8, 0x36, 0xba, 0x3c, 0x23, 0xa3, 0xfe, 0xeb, 0xbd, 0x45, 0x4d, 0x44,
        0x23, 0x64, 0x3c, 0xe8, 0x0e, 0x2a, 0x9a, 0xc9, 0x4f, 0xa5, 0x4c, 0xa4, 0x9f,
    };
    // RFC 4231 test case 2, HMAC-SHA-256.
    private static readonly byte[] HmacJefe =
    {
        0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24, 0x26, 0x08, 0x95, 0x75, 0xc7, 0x5a,
        0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43,
    };
    // RFC 5869 test case 1 OKM.
    private static readonly byte[] HkdfOkm =
    {
        0x3c, 0xb2, 0x5f, 0x25, 0xfa, 0xac, 0xd5, 0x7a, 0x90, 0x43, 0x4f, 0x64, 0xd0, 0x36, 0x2f, 0x2a, 0x2d,
        0x2d, 0x0a, 0x90, 0xcf, 0x1a, 0x5a, 0x4c, 0x5d, 0xb0, 0x2d, 0x56, 0xec, 0xc4, 0xc5, 0xbf, 0x34, 0x00,
        0x72, 0x08, 0xd5, 0xb8, 0x87, 0x18, 0x58, 0x65,
    };
    // FIPS 197 C.3: AES-256, key 00..1f, plaintext 00112233..ff.
    private static readonly byte[] Aes256Fips197 =
    {
        0x8e, 0xa2, 0xb7, 0xca, 0x51, 0x67, 0x45, 0xbf, 0xea, 0xfc, 0x49, 0x90, 0x4b, 0x49, 0x60, 0x89,
    };
    // GCM test case 2 (zero key/IV/plaintext) ciphertext.
    private static readonly byte[] GcmCase2Ct =
    {
        0x03, 0x88, 0xda, 0xce, 0x60, 0xb6, 0xa3, 0x92, 0xf3, 0x28, 0xc2, 0xb9, 0x71, 0xb2, 0xfe, 0x78,
    };
    // GCM test case 2 tag.
    private static readonly byte[] GcmCase2Tag =
    {
        0xab, 0x6e, 0x47, 0xd4, 0x2c, 0xec, 0x13, 0xbd, 0xf5, 0x3a, 0x67, 0xb2, 0x12, 0x57, 0xbd, 0xdf,
    };
    // RFC 4493 example 1: AES-CMAC of the empty message.
    private static readonly byte[] CmacEmpty =
    {
        0xbb, 0x1d, 0x69, 0x29, 0xe9, 0x59, 0x37, 0x28, 0x7f, 0xa3, 0x7d, 0x12, 0x9b, 0x75, 0x67, 0x46,
    };
    // RFC 4493 / SP 800-38A key.
    private static readonly byte[] CmacKey =
    {
        0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6, 0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c,
    };
}
