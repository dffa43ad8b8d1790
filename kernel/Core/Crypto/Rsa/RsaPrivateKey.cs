using System;
using Lvbs.Kernel.Crypto.BigInteger;

namespace Lvbs.Kernel.Crypto.Rsa;

/// <summary>
/// An RSA private key in CRT form (RFC 8017 §3.2, second representation) and the RSADP/RSASP1
/// primitive (§5.1.2, §5.2.1) with base blinding and a fault check.
/// </summary>
/// <remarks>
/// <see cref="Apply"/> is constant-time with respect to the key and the (blinded) input: both
/// half-exponentiations use <see cref="MontgomeryContext.ModPowSecret"/>, reduction mod p and q
/// uses <see cref="MontgomeryContext.Reduce"/>, and recombination uses only masked arithmetic.
/// The input is multiplied by u^e for a random u first (see RefreshBlinding), so the value exponentiated is
/// unrelated to the caller's input; the blinding factor's inverse is computed variable-time,
/// which reveals nothing about the key. Key setup (<see cref="TryCreate"/>) is variable-time.
/// </remarks>
public sealed class RsaPrivateKey
{
    private readonly ulong[] _d;
    private readonly ulong[] _p;
    private readonly ulong[] _q;
    private readonly ulong[] _dp;
    private readonly ulong[] _dq;
    private readonly ulong[] _qInvMont;
    private readonly MontgomeryContext _ctxP;
    private readonly MontgomeryContext _ctxQ;
    private readonly ulong[] _blind;
    private readonly ulong[] _unblind;
    private int _blindUses;

    private RsaPrivateKey(RsaPublicKey pub, ulong[] d, ulong[] p, ulong[] q, ulong[] dp, ulong[] dq, ulong[] qInvMont, MontgomeryContext cp, MontgomeryContext cq)
    {
        PublicKey = pub;
        _d = d;
        _p = p;
        _q = q;
        _dp = dp;
        _dq = dq;
        _qInvMont = qInvMont;
        _ctxP = cp;
        _ctxQ = cq;
        _blind = new ulong[pub.Modulus.Length];
        _unblind = new ulong[pub.Modulus.Length];
    }

    /// <summary>The matching public key.</summary>
    public RsaPublicKey PublicKey { get; }

    /// <summary>k, the modulus length in bytes.</summary>
    public int ModulusBytes => PublicKey.ModulusBytes;

    /// <summary>The private exponent d (limbs), for export.</summary>
    public ReadOnlySpan<ulong> PrivateExponent => _d;

    /// <summary>The prime p (limbs), for export.</summary>
    public ReadOnlySpan<ulong> P => _p;

    /// <summary>The prime q (limbs), for export.</summary>
    public ReadOnlySpan<ulong> Q => _q;

    /// <summary>
    /// Builds a private key from big-endian n, e, d, p and q, deriving dP, dQ and qInv. Checks
    /// p·q = n, both primes odd and of equal limb length, and d·e ≡ 1 mod (p-1) and (q-1)
    /// (via dP, dQ). Variable-time.
    /// </summary>
    public static CryptoStatus TryCreate(ReadOnlySpan<byte> n, ReadOnlySpan<byte> e, ReadOnlySpan<byte> d, ReadOnlySpan<byte> p, ReadOnlySpan<byte> q, out RsaPrivateKey? key)
    {
        key = null;
        CryptoStatus status = RsaPublicKey.TryCreate(n, e, out RsaPublicKey? pub);
        if (status != CryptoStatus.Success || pub is null)
        {
            return status;
        }

        int nl = pub.Modulus.Length;
        ulong[] dl = new ulong[nl];
        ulong[] pl = new ulong[nl];
        ulong[] ql = new ulong[nl];
        if (!Natural.TryFromBigEndian(dl, d) || !Natural.TryFromBigEndian(pl, p) || !Natural.TryFromBigEndian(ql, q))
        {
            return CryptoStatus.InvalidParameter;
        }

        return TryCreate(pub, dl, pl, ql, out key);
    }

    /// <summary>Builds a private key from limbs (see the byte overload).</summary>
    public static CryptoStatus TryCreate(RsaPublicKey pub, ReadOnlySpan<ulong> d, ReadOnlySpan<ulong> p, ReadOnlySpan<ulong> q, out RsaPrivateKey? key)
    {
        key = null;
        int nl = pub.Modulus.Length;
        int half = Math.Max(Natural.SignificantLimbs(p), Natural.SignificantLimbs(q));
        if (half == 0 || Natural.SignificantLimbs(p) != half || Natural.SignificantLimbs(q) != half || 2 * half < nl
            || Natural.Compare(d, pub.Modulus) >= 0 || Natural.IsZero(d))
        {
            return CryptoStatus.InvalidParameter;
        }

        ulong[] pl = p.Slice(0, half).ToArray();
        ulong[] ql = q.Slice(0, half).ToArray();
        ulong[] prod = new ulong[2 * half];
        Natural.Mul(prod, pl, ql);
        if (Natural.Compare(prod, pub.Modulus) != 0)
        {
            return CryptoStatus.InvalidParameter;
        }

        MontgomeryContext? cp = MontgomeryContext.TryCreate(pl);
        MontgomeryContext? cq = MontgomeryContext.TryCreate(ql);
        if (cp is null || cq is null)
        {
            return CryptoStatus.InvalidParameter;
        }

        // dP = d mod (p-1), dQ = d mod (q-1) (§3.2).
        ulong[] pm1 = new ulong[half];
        ulong[] qm1 = new ulong[half];
        ulong[] one = { 1 };
        Natural.Sub(pm1, pl, one);
        Natural.Sub(qm1, ql, one);
        ulong[] dp = new ulong[half];
        ulong[] dq = new ulong[half];
        Division.TryDivRem(d, pm1, Span<ulong>.Empty, dp);
        Division.TryDivRem(d, qm1, Span<ulong>.Empty, dq);

        // qInv = q^-1 mod p, kept in Montgomery form for the recombination multiply.
        ulong[] qModP = new ulong[half];
        Division.TryDivRem(ql, pl, Span<ulong>.Empty, qModP);
        ulong[] qInv = new ulong[half];
        if (!ModularInverse.TryInvertOdd(qInv, qModP, pl))
        {
            return CryptoStatus.InvalidParameter;
        }

        ulong[] qInvMont = new ulong[half];
        cp.ToMontgomery(qInvMont, qInv);
        ulong[] dFull = new ulong[nl];
        d.Slice(0, Math.Min(d.Length, nl)).CopyTo(dFull);
        key = new RsaPrivateKey(pub, dFull, pl, ql, dp, dq, qInvMont, cp, cq);

        // Reject inconsistent e/d: check the key round-trips a fixed value.
        if (!key.SelfTest())
        {
            key = null;
            return CryptoStatus.InvalidParameter;
        }

        return CryptoStatus.Success;
    }

    private bool SelfTest()
    {
        int k = ModulusBytes;
        byte[] m = new byte[k];
        for (int i = 1; i < k; i++)
        {
            m[i] = (byte)(i * 7);
        }

        byte[] c = new byte[k];
        byte[] back = new byte[k];
        return PublicKey.Apply(m, c) == CryptoStatus.Success
            && ApplyUnblinded(c, back)
            && FixedTime.AreEqual(m, back);
    }

    /// <summary>
    /// RSADP / RSASP1 with blinding: output = input^d mod n, both exactly k bytes. Returns
    /// InvalidLength / InvalidParameter (input ≥ n, §5.1.2 step 1), a random-source failure, or
    /// InvalidParameter when the fault check (re-encrypting the result) fails.
    /// </summary>
    public CryptoStatus Apply(ReadOnlySpan<byte> input, Span<byte> output, IRandomSource random)
    {
        int k = ModulusBytes;
        if (input.Length != k || output.Length < k)
        {
            return CryptoStatus.InvalidLength;
        }

        MontgomeryContext ctxN = PublicKey.Context;
        int nl = PublicKey.Modulus.Length;
        Span<ulong> c = stackalloc ulong[nl];
        if (!Natural.TryFromBigEndian(c, input) || Natural.Compare(c, PublicKey.Modulus) >= 0)
        {
            return CryptoStatus.InvalidParameter;
        }

        CryptoStatus bs = RefreshBlinding(random);
        if (bs != CryptoStatus.Success)
        {
            return bs;
        }

        Span<ulong> blinded = stackalloc ulong[nl];
        ModMulPlain(ctxN, blinded, c, _blind);
        Span<ulong> m = stackalloc ulong[nl];
        PrivateCrt(m, blinded);
        ModMulPlain(ctxN, m, m, _unblind);

        // Fault check (Boneh–DeMillo–Lipton): a faulty CRT half would leak a factor of n.
        Span<ulong> check = stackalloc ulong[nl];
        ctxN.ModPowPublic(check, m, PublicKey.Exponent);
        bool ok = Natural.IsZeroMask(CheckDiff(check, c, nl)) != 0;
        Natural.TryToBigEndian(m, output.Slice(0, k));
        m.Clear();
        blinded.Clear();
        if (!ok)
        {
            output.Slice(0, k).Clear();
            return CryptoStatus.InvalidParameter;
        }

        return CryptoStatus.Success;
    }

    /// <summary>
    /// Advances the blinding pair (u^e, u^-1). A fresh u (with one variable-time inversion of a
    /// random value) is drawn on first use and every 32 uses; in between both halves are squared,
    /// which keeps them matched at two multiplications per operation (the OpenSSL/BouncyCastle
    /// blinding-update scheme). Not safe for concurrent use of one key.
    /// </summary>
    private CryptoStatus RefreshBlinding(IRandomSource random)
    {
        MontgomeryContext ctxN = PublicKey.Context;
        int nl = PublicKey.Modulus.Length;
        if (_blindUses > 0 && _blindUses < 32)
        {
            _blindUses++;
            ModMulPlain(ctxN, _blind, _blind, _blind);
            ModMulPlain(ctxN, _unblind, _unblind, _unblind);
            return CryptoStatus.Success;
        }

        Span<ulong> u = stackalloc ulong[nl];
        Span<byte> ub = stackalloc byte[ModulusBytes];
        for (int attempts = 0; ; attempts++)
        {
            if (attempts > 8)
            {
                return CryptoStatus.EntropyUnavailable;
            }

            CryptoStatus rs = random.GetBytes(ub);
            if (rs != CryptoStatus.Success)
            {
                return rs;
            }

            ub[0] = 0; // below n
            Natural.FromBigEndianFixed(u, ub);
            if (!Natural.IsZero(u) && ModularInverse.TryInvertOdd(_unblind, u, PublicKey.Modulus))
            {
                break;
            }
        }

        ctxN.ModPowPublic(_blind, u, PublicKey.Exponent);
        u.Clear();
        ub.Clear();
        _blindUses = 1;
        return CryptoStatus.Success;
    }

    private static Span<ulong> CheckDiff(Span<ulong> a, ReadOnlySpan<ulong> b, int n)
    {
        for (int i = 0; i < n; i++)
        {
            a[i] ^= b[i];
        }

        return a;
    }

    private bool ApplyUnblinded(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int nl = PublicKey.Modulus.Length;
        Span<ulong> c = stackalloc ulong[nl];
        if (!Natural.TryFromBigEndian(c, input))
        {
            return false;
        }

        Span<ulong> m = stackalloc ulong[nl];
        PrivateCrt(m, c);
        return Natural.TryToBigEndian(m, output);
    }

    /// <summary>r = a·b mod n for a, b &lt; n in ordinary form (two Montgomery multiplications).</summary>
    private static void ModMulPlain(MontgomeryContext ctx, Span<ulong> r, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        Span<ulong> t = stackalloc ulong[ctx.Limbs];
        ctx.Mul(t, a, b);
        ctx.Mul(r, t, ctx.RSquared);
    }

    /// <summary>m = c^d mod n by CRT (Garner): constant-time.</summary>
    private void PrivateCrt(Span<ulong> m, ReadOnlySpan<ulong> c)
    {
        int h = _p.Length;
        int nl = PublicKey.Modulus.Length;
        Span<ulong> cp = stackalloc ulong[h];
        Span<ulong> cq = stackalloc ulong[h];
        _ctxP.Reduce(cp, c);
        _ctxQ.Reduce(cq, c);
        Span<ulong> m1 = stackalloc ulong[h];
        Span<ulong> m2 = stackalloc ulong[h];
        _ctxP.ModPowSecret(m1, cp, _dp);
        _ctxQ.ModPowSecret(m2, cq, _dq);

        // h = qInv·(m1 - m2) mod p; m = m2 + h·q.
        Span<ulong> m2p = stackalloc ulong[h];
        _ctxP.Reduce(m2p, m2);
        Span<ulong> diff = stackalloc ulong[h];
        _ctxP.SubMod(diff, m1, m2p);
        Span<ulong> hh = stackalloc ulong[h];
        _ctxP.Mul(hh, diff, _qInvMont);
        Span<ulong> prod = stackalloc ulong[2 * h];
        Natural.Mul(prod, hh, _q);
        Span<ulong> sum = stackalloc ulong[2 * h];
        Natural.Add(sum, prod, m2);
        sum.Slice(0, nl).CopyTo(m);
        cp.Clear();
        cq.Clear();
        m1.Clear();
        m2.Clear();
        hh.Clear();
        diff.Clear();
        prod.Clear();
        sum.Clear();
    }
}
