using System;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace Lvbs.Tests.Unit.Crypto.Symmetric;

/// <summary>A deliberately plain XTS-AES encryptor (IEEE 1619 §5.3) over BouncyCastle's AES, as a test oracle.</summary>
internal static class XtsReference
{
    public static byte[] Encrypt(byte[] key, byte[] tweak, byte[] pt)
    {
        int half = key.Length / 2;
        var k1 = new AesEngine();
        k1.Init(true, new KeyParameter(key, 0, half));
        var k2 = new AesEngine();
        k2.Init(true, new KeyParameter(key, half, half));
        byte[] t = new byte[16];
        k2.ProcessBlock(tweak, 0, t, 0);
        int m = pt.Length / 16, b = pt.Length % 16;
        byte[] ct = new byte[pt.Length];
        int plainBlocks = b == 0 ? m : m - 1;
        for (int j = 0; j < plainBlocks; j++)
        {
            Block(k1, pt.AsSpan(16 * j, 16), ct.AsSpan(16 * j, 16), t);
            MulAlpha(t);
        }

        if (b != 0)
        {
            byte[] cc = new byte[16];
            Block(k1, pt.AsSpan(16 * (m - 1), 16), cc, t);
            MulAlpha(t);
            byte[] pp = new byte[16];
            Array.Copy(pt, 16 * m, pp, 0, b);
            Array.Copy(cc, b, pp, b, 16 - b);
            Array.Copy(cc, 0, ct, 16 * m, b);
            Block(k1, pp, ct.AsSpan(16 * (m - 1), 16), t);
        }

        return ct;
    }

    private static void Block(AesEngine e, ReadOnlySpan<byte> p, Span<byte> c, byte[] t)
    {
        byte[] x = new byte[16];
        for (int i = 0; i < 16; i++)
        {
            x[i] = (byte)(p[i] ^ t[i]);
        }

        byte[] y = new byte[16];
        e.ProcessBlock(x, 0, y, 0);
        for (int i = 0; i < 16; i++)
        {
            c[i] = (byte)(y[i] ^ t[i]);
        }
    }

    private static void MulAlpha(byte[] t)
    {
        int carry = 0;
        for (int i = 0; i < 16; i++)
        {
            int next = t[i] >> 7;
            t[i] = (byte)((t[i] << 1) | carry);
            carry = next;
        }

        if (carry != 0)
        {
            t[0] ^= 0x87;
        }
    }
}
