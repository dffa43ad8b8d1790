using System;

namespace Lvbs.Kernel.Crypto.Rsa;

/// <summary>
/// RSASSA-PSS (RFC 8017 §8.1) with EMSA-PSS (§9.1) and MGF1 over the same hash, over a
/// precomputed message digest.
/// </summary>
public static class PssSignature
{
    private const int MaxModulusBytes = RsaPublicKey.MaxModulusBits / 8;

    /// <summary>
    /// RSASSA-PSS-SIGN (§8.1.1) with a random salt of saltLength bytes into signature (k bytes).
    /// </summary>
    public static CryptoStatus Sign(RsaPrivateKey key, DigestAlgorithm hash, ReadOnlySpan<byte> digest, int saltLength, Span<byte> signature, IRandomSource random)
    {
        int k = key.ModulusBytes;
        int hLen = Digests.SizeOf(hash);
        int modBits = key.PublicKey.ModulusBits;
        int emBits = modBits - 1;
        int emLen = (emBits + 7) / 8;
        if (hLen == 0 || digest.Length != hLen || saltLength < 0)
        {
            return CryptoStatus.InvalidParameter;
        }

        if (signature.Length < k)
        {
            return CryptoStatus.BufferTooSmall;
        }

        if (emLen < hLen + saltLength + 2)
        {
            return CryptoStatus.InvalidParameter; // §9.1.1 step 3
        }

        Span<byte> salt = stackalloc byte[saltLength];
        CryptoStatus rs = random.GetBytes(salt);
        if (rs != CryptoStatus.Success)
        {
            return rs;
        }

        // EM = maskedDB || H || 0xbc, right-aligned in k bytes (§9.1.1 steps 5–12).
        Span<byte> block = stackalloc byte[k];
        block.Clear();
        Span<byte> em = block.Slice(k - emLen);
        int dbLen = emLen - hLen - 1;
        Span<byte> db = em.Slice(0, dbLen);
        Span<byte> h = em.Slice(dbLen, hLen);
        Span<byte> zeros = stackalloc byte[8];
        zeros.Clear();
        Span<byte> mPrimeHead = stackalloc byte[8 + 64];
        zeros.CopyTo(mPrimeHead);
        digest.CopyTo(mPrimeHead.Slice(8));
        Digests.TryHash(hash, mPrimeHead.Slice(0, 8 + hLen), salt, ReadOnlySpan<byte>.Empty, h);
        db[dbLen - saltLength - 1] = 0x01;
        salt.CopyTo(db.Slice(dbLen - saltLength));
        Mgf1.TryXorMask(hash, h, db);
        db[0] &= (byte)(0xFF >> ((8 * emLen) - emBits));
        em[emLen - 1] = 0xBC;
        return key.Apply(block, signature.Slice(0, k), random);
    }

    /// <summary>
    /// RSASSA-PSS-VERIFY (§8.1.2) with EMSA-PSS-VERIFY (§9.1.2) for a fixed salt length.
    /// Every check of §9.1.2 is enforced; any failure returns false.
    /// </summary>
    public static bool Verify(RsaPublicKey key, DigestAlgorithm hash, ReadOnlySpan<byte> digest, int saltLength, ReadOnlySpan<byte> signature)
    {
        int k = key.ModulusBytes;
        int hLen = Digests.SizeOf(hash);
        int emBits = key.ModulusBits - 1;
        int emLen = (emBits + 7) / 8;
        if (signature.Length != k || hLen == 0 || digest.Length != hLen || saltLength < 0)
        {
            return false; // §8.1.2 step 1
        }

        if (emLen < hLen + saltLength + 2)
        {
            return false; // §9.1.2 step 3
        }

        Span<byte> block = stackalloc byte[k];
        if (key.Apply(signature, block) != CryptoStatus.Success)
        {
            return false; // §5.2.2 step 1
        }

        // §8.1.2 step 2c: m must fit in emLen bytes (k - emLen is 0 or 1).
        for (int i = 0; i < k - emLen; i++)
        {
            if (block[i] != 0)
            {
                return false;
            }
        }

        Span<byte> em = block.Slice(k - emLen);
        if (em[emLen - 1] != 0xBC)
        {
            return false; // §9.1.2 step 4
        }

        int dbLen = emLen - hLen - 1;
        Span<byte> db = em.Slice(0, dbLen);
        ReadOnlySpan<byte> h = em.Slice(dbLen, hLen);
        byte topMask = (byte)(0xFF << (8 - ((8 * emLen) - emBits)));
        if ((8 * emLen) - emBits > 0 && (db[0] & topMask) != 0)
        {
            return false; // §9.1.2 step 6
        }

        Mgf1.TryXorMask(hash, h, db);
        db[0] &= (byte)(0xFF >> ((8 * emLen) - emBits));
        int psLen = emLen - hLen - saltLength - 2;
        for (int i = 0; i < psLen; i++)
        {
            if (db[i] != 0)
            {
                return false; // §9.1.2 step 10
            }
        }

        if (db[psLen] != 0x01)
        {
            return false; // §9.1.2 step 10
        }

        Span<byte> mPrimeHead = stackalloc byte[8 + 64];
        mPrimeHead.Clear();
        digest.CopyTo(mPrimeHead.Slice(8));
        Span<byte> hPrime = stackalloc byte[64];
        Digests.TryHash(hash, mPrimeHead.Slice(0, 8 + hLen), db.Slice(dbLen - saltLength), ReadOnlySpan<byte>.Empty, hPrime);
        return FixedTime.AreEqual(hPrime.Slice(0, hLen), h); // §9.1.2 step 14
    }
}
