using System;
using Lvbs.Kernel.Crypto.BigInteger;

namespace Lvbs.Kernel.Crypto.Rsa;

/// <summary>
/// An RSA public key (n, e) with its Montgomery context, and the RSAEP/RSAVP1 primitive
/// (RFC 8017 §5.1.1, §5.2.2). Everything here works on public data and may be variable-time.
/// </summary>
public sealed class RsaPublicKey
{
    /// <summary>Smallest accepted modulus, in bits.</summary>
    public const int MinModulusBits = 2048;

    /// <summary>Largest accepted modulus, in bits.</summary>
    public const int MaxModulusBits = 4096;

    private readonly ulong[] _n;
    private readonly ulong[] _e;

    private RsaPublicKey(ulong[] n, ulong[] e, MontgomeryContext context)
    {
        _n = n;
        _e = e;
        Context = context;
        ModulusBits = Natural.BitLength(n);
        ModulusBytes = (ModulusBits + 7) / 8;
    }

    /// <summary>Size of the modulus in bits.</summary>
    public int ModulusBits { get; }

    /// <summary>k, the modulus length in bytes (RFC 8017 §2).</summary>
    public int ModulusBytes { get; }

    /// <summary>The modulus n as limbs.</summary>
    public ReadOnlySpan<ulong> Modulus => _n;

    /// <summary>The public exponent e as limbs.</summary>
    public ReadOnlySpan<ulong> Exponent => _e;

    /// <summary>Montgomery arithmetic modulo n.</summary>
    public MontgomeryContext Context { get; }

    /// <summary>
    /// Builds a key from big-endian n and e. Rejects (InvalidParameter) an even modulus, a
    /// modulus outside [<see cref="MinModulusBits"/>, <see cref="MaxModulusBits"/>], and e that is
    /// even, below 3 or not below n (RFC 8017 §3.1).
    /// </summary>
    public static CryptoStatus TryCreate(ReadOnlySpan<byte> modulus, ReadOnlySpan<byte> exponent, out RsaPublicKey? key)
    {
        key = null;
        int limbs = (MaxModulusBits / 64) + 1;
        ulong[] n = new ulong[limbs];
        ulong[] e = new ulong[limbs];
        if (!Natural.TryFromBigEndian(n, modulus) || !Natural.TryFromBigEndian(e, exponent))
        {
            return CryptoStatus.InvalidKeyLength;
        }

        int bits = Natural.BitLength(n);
        if (bits < MinModulusBits || bits > MaxModulusBits)
        {
            return CryptoStatus.InvalidKeyLength;
        }

        int nl = (bits + 63) / 64;
        ulong[] nTrim = n.AsSpan(0, nl).ToArray();
        if ((nTrim[0] & 1) == 0 || (e[0] & 1) == 0 || Natural.BitLength(e) < 2 || Natural.Compare(e, nTrim) >= 0)
        {
            return CryptoStatus.InvalidParameter;
        }

        MontgomeryContext? ctx = MontgomeryContext.TryCreate(nTrim);
        if (ctx is null)
        {
            return CryptoStatus.InvalidParameter;
        }

        key = new RsaPublicKey(nTrim, e.AsSpan(0, Natural.SignificantLimbs(e)).ToArray(), ctx);
        return CryptoStatus.Success;
    }

    /// <summary>
    /// RSAEP / RSAVP1: output = input^e mod n, both exactly <see cref="ModulusBytes"/> bytes.
    /// InvalidLength for other lengths, InvalidParameter when input ≥ n (§5.1.1 step 1).
    /// </summary>
    public CryptoStatus Apply(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.Length != ModulusBytes || output.Length < ModulusBytes)
        {
            return CryptoStatus.InvalidLength;
        }

        int nl = _n.Length;
        Span<ulong> x = stackalloc ulong[nl];
        if (!Natural.TryFromBigEndian(x, input) || Natural.Compare(x, _n) >= 0)
        {
            return CryptoStatus.InvalidParameter;
        }

        Span<ulong> y = stackalloc ulong[nl];
        Context.ModPowPublic(y, x, _e);
        Natural.TryToBigEndian(y, output.Slice(0, ModulusBytes));
        return CryptoStatus.Success;
    }
}
