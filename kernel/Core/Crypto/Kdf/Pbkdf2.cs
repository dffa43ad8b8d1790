using System;
using Lvbs.Kernel.Crypto.Hashing;
using Lvbs.Kernel.Crypto.Mac;

namespace Lvbs.Kernel.Crypto.Kdf;

/// <summary>
/// PBKDF2 with HMAC as the PRF (RFC 8018 §5.2). The password is keyed into HMAC once; each
/// iteration copies the keyed state, so the cost is two compressions per iteration.
/// Constant-time in password, salt and output.
/// </summary>
public static class Pbkdf2
{
    /// <summary>
    /// Derives <paramref name="output"/>.Length bytes. Returns
    /// <see cref="CryptoStatus.InvalidParameter"/> (writing nothing) if
    /// <paramref name="iterations"/> is below 1 or the output is empty or longer than
    /// (2^32 − 1)·hLen (RFC 8018 §5.2 step 1).
    /// </summary>
    public static CryptoStatus DeriveKey<THash>(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int iterations, Span<byte> output)
        where THash : struct, IHashFunction
    {
        THash probe = default;
        int hLen = probe.HashSizeInBytes;
        if (iterations < 1 || output.IsEmpty || (ulong)output.Length > 0xFFFFFFFFUL * (ulong)hLen)
        {
            return CryptoStatus.InvalidParameter;
        }

        Hmac<THash> prf = Hmac<THash>.Create(password);
        Span<byte> u = stackalloc byte[64];
        Span<byte> t = stackalloc byte[64];
        Span<byte> index = stackalloc byte[4];
        u = u.Slice(0, hLen);
        t = t.Slice(0, hLen);
        uint block = 1;
        for (int done = 0; done < output.Length; block++)
        {
            // T_i = U_1 ^ ... ^ U_c, U_1 = PRF(P, S || INT(i)), U_j = PRF(P, U_{j-1}).
            index[0] = (byte)(block >> 24);
            index[1] = (byte)(block >> 16);
            index[2] = (byte)(block >> 8);
            index[3] = (byte)block;
            prf.Append(salt);
            prf.Append(index);
            prf.Finish(u);
            u.CopyTo(t);
            for (int j = 1; j < iterations; j++)
            {
                prf.Append(u);
                prf.Finish(u);
                for (int k = 0; k < hLen; k++)
                {
                    t[k] ^= u[k];
                }
            }

            int n = Math.Min(hLen, output.Length - done);
            t.Slice(0, n).CopyTo(output.Slice(done));
            done += n;
        }

        u.Clear();
        t.Clear();
        prf.Clear();
        return CryptoStatus.Success;
    }
}
