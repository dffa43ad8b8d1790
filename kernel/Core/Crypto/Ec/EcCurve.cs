using System;
using Lvbs.Kernel.Crypto.BigInteger;

namespace Lvbs.Kernel.Crypto.Ec;

/// <summary>
/// A short-Weierstrass prime curve y² = x³ - 3x + b of prime order (NIST P-256 and P-384,
/// FIPS 186-5 / SP 800-186 §3.2.1), with Montgomery contexts for the field and the group order.
/// </summary>
public sealed class EcCurve
{
    private static EcCurve? s_p256;
    private static EcCurve? s_p384;

    // SP 800-186 §3.2.1.3 (P-256), little-endian 64-bit limbs.
    private static readonly ulong[] s_p256P = { 0xFFFFFFFFFFFFFFFF, 0x00000000FFFFFFFF, 0x0000000000000000, 0xFFFFFFFF00000001 };
    private static readonly ulong[] s_p256N = { 0xF3B9CAC2FC632551, 0xBCE6FAADA7179E84, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFF00000000 };
    private static readonly ulong[] s_p256B = { 0x3BCE3C3E27D2604B, 0x651D06B0CC53B0F6, 0xB3EBBD55769886BC, 0x5AC635D8AA3A93E7 };
    private static readonly ulong[] s_p256Gx = { 0xF4A13945D898C296, 0x77037D812DEB33A0, 0xF8BCE6E563A440F2, 0x6B17D1F2E12C4247 };
    private static readonly ulong[] s_p256Gy = { 0xCBB6406837BF51F5, 0x2BCE33576B315ECE, 0x8EE7EB4A7C0F9E16, 0x4FE342E2FE1A7F9B };

    // SP 800-186 §3.2.1.4 (P-384).
    private static readonly ulong[] s_p384P = { 0x00000000FFFFFFFF, 0xFFFFFFFF00000000, 0xFFFFFFFFFFFFFFFE, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF };
    private static readonly ulong[] s_p384N = { 0xECEC196ACCC52973, 0x581A0DB248B0A77A, 0xC7634D81F4372DDF, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF };
    private static readonly ulong[] s_p384B = { 0x2A85C8EDD3EC2AEF, 0xC656398D8A2ED19D, 0x0314088F5013875A, 0x181D9C6EFE814112, 0x988E056BE3F82D19, 0xB3312FA7E23EE7E4 };
    private static readonly ulong[] s_p384Gx = { 0x3A545E3872760AB7, 0x5502F25DBF55296C, 0x59F741E082542A38, 0x6E1D3B628BA79B98, 0x8EB1C71EF320AD74, 0xAA87CA22BE8B0537 };
    private static readonly ulong[] s_p384Gy = { 0x7A431D7C90EA0E5F, 0x0A60B1CE1D7E819D, 0xE9DA3113B5F0B8C0, 0xF8F41DBD289A147C, 0x5D9E98BF9292DC29, 0x3617DE4A96262C6F };

    private readonly ulong[] _bMont;
    private readonly ulong[] _generator;
    private readonly ulong[] _sqrtExponent;
    private readonly ulong[] _pMinus2;
    private readonly ulong[] _nMinus2;

    private EcCurve(EcCurveId id, ulong[] p, ulong[] n, ulong[] b, ulong[] gx, ulong[] gy)
    {
        Id = id;
        Limbs = p.Length;
        FieldBytes = p.Length * 8;
        Field = MontgomeryContext.TryCreate(p)!;
        Order = MontgomeryContext.TryCreate(n)!;
        _bMont = new ulong[Limbs];
        Field.ToMontgomery(_bMont, b);

        // The generator in projective Montgomery form (X, Y, Z = 1).
        _generator = new ulong[3 * Limbs];
        Field.ToMontgomery(_generator.AsSpan(0, Limbs), gx);
        Field.ToMontgomery(_generator.AsSpan(Limbs, Limbs), gy);
        Field.One.CopyTo(_generator.AsSpan(2 * Limbs, Limbs));

        // (p + 1) / 4: both primes are 3 mod 4, so a square root is a single exponentiation.
        _sqrtExponent = new ulong[Limbs];
        ulong[] one = { 1 };
        ulong[] two = { 2 };
        ulong[] pPlus1 = new ulong[Limbs + 1];
        Natural.Add(pPlus1, p, one);
        Natural.ShiftRight(_sqrtExponent, pPlus1, 2);
        _pMinus2 = new ulong[Limbs];
        Natural.Sub(_pMinus2, p, two);
        _nMinus2 = new ulong[Limbs];
        Natural.Sub(_nMinus2, n, two);
    }

    /// <summary>NIST P-256 (secp256r1).</summary>
    public static EcCurve P256 => s_p256 ??= new EcCurve(EcCurveId.P256, s_p256P, s_p256N, s_p256B, s_p256Gx, s_p256Gy);

    /// <summary>NIST P-384 (secp384r1).</summary>
    public static EcCurve P384 => s_p384 ??= new EcCurve(EcCurveId.P384, s_p384P, s_p384N, s_p384B, s_p384Gx, s_p384Gy);

    /// <summary>The curve for an identifier, or null for an unknown value.</summary>
    public static EcCurve? FromId(EcCurveId id) => id switch
    {
        EcCurveId.P256 => P256,
        EcCurveId.P384 => P384,
        _ => null,
    };

    /// <summary>Which curve this is.</summary>
    public EcCurveId Id { get; }

    /// <summary>Limbs per field element and per scalar (4 or 6).</summary>
    public int Limbs { get; }

    /// <summary>Bytes per encoded field element and scalar (32 or 48).</summary>
    public int FieldBytes { get; }

    /// <summary>Arithmetic modulo the field prime p.</summary>
    public MontgomeryContext Field { get; }

    /// <summary>Arithmetic modulo the group order n.</summary>
    public MontgomeryContext Order { get; }

    /// <summary>b in Montgomery form.</summary>
    public ReadOnlySpan<ulong> BMont => _bMont;

    /// <summary>The generator G as projective (X, Y, Z) in Montgomery form.</summary>
    public ReadOnlySpan<ulong> Generator => _generator;

    /// <summary>Fixed-base table for the generator, built by <see cref="EcPointArithmetic.GeneratorMul"/> on first use.</summary>
    internal ulong[]? GeneratorTable { get; set; }

    /// <summary>(p + 1) / 4, the square-root exponent.</summary>
    public ReadOnlySpan<ulong> SqrtExponent => _sqrtExponent;

    /// <summary>p - 2 (Fermat inversion exponent in the field).</summary>
    public ReadOnlySpan<ulong> FieldInverseExponent => _pMinus2;

    /// <summary>n - 2 (Fermat inversion exponent modulo the order).</summary>
    public ReadOnlySpan<ulong> OrderInverseExponent => _nMinus2;
}
