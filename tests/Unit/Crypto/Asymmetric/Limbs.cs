using System;
using Lvbs.Kernel.Crypto.BigInteger;
using SysBig = System.Numerics.BigInteger;

namespace Lvbs.Tests.Unit.Crypto.Asymmetric;

/// <summary>Conversions between limb arrays and System.Numerics.BigInteger for differential tests.</summary>
public static class Limbs
{
    /// <summary>Little-endian limbs of a non-negative value, padded to count limbs.</summary>
    public static ulong[] From(SysBig v, int count)
    {
        byte[] be = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        ulong[] r = new ulong[count];
        if (!Natural.TryFromBigEndian(r, be))
        {
            throw new ArgumentException("value does not fit");
        }

        return r;
    }

    /// <summary>The value of a limb string.</summary>
    public static SysBig ToBig(ReadOnlySpan<ulong> limbs)
    {
        byte[] be = new byte[limbs.Length * 8];
        Natural.TryToBigEndian(limbs, be);
        return new SysBig(be, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>A random value of exactly the given number of bits (top bit set).</summary>
    public static SysBig RandomBits(Random rng, int bits)
    {
        byte[] b = new byte[(bits + 7) / 8];
        rng.NextBytes(b);
        int excess = (b.Length * 8) - bits;
        b[0] &= (byte)(0xFF >> excess);
        b[0] |= (byte)(0x80 >> excess);
        return new SysBig(b, isUnsigned: true, isBigEndian: true);
    }
}
