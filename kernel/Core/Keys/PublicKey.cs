using System;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Asn1;
using Lvbs.Kernel.Crypto;
using Lvbs.Kernel.Crypto.Ec;
using Lvbs.Kernel.Crypto.Rsa;

namespace Lvbs.Kernel.Keys;

/// <summary>
/// A certificate's subject public key, decoded once from SubjectPublicKeyInfo (RFC 5280
/// §4.1.2.7; RSA per RFC 3279 §2.3.1, EC per RFC 5480 §2.1.1 with a named curve) and checked
/// (RSA modulus size and exponent, EC point on the curve), so a verification never re-parses.
/// </summary>
public sealed class PublicKey
{
    private readonly RsaPublicKey? _rsa;
    private readonly EcCurve? _curve;
    private readonly ulong[]? _point;

    private PublicKey(PublicKeyKind kind, RsaPublicKey? rsa, EcCurve? curve, ulong[]? point)
    {
        Kind = kind;
        _rsa = rsa;
        _curve = curve;
        _point = point;
    }

    /// <summary>The key type.</summary>
    public PublicKeyKind Kind { get; }

    /// <summary>
    /// Parses the contents of a SubjectPublicKeyInfo SEQUENCE. 0, EBADMSG for bad DER, ENOPKG
    /// for an algorithm, curve or RSA size this kernel does not verify with.
    /// </summary>
    public static int TryParse(ReadOnlySpan<byte> spkiContent, out PublicKey? key)
    {
        key = null;
        DerReader spki = new DerReader(spkiContent);
        if (spki.TryEnter(DerTag.Sequence, out DerReader alg) != DerStatus.Ok
            || alg.TryReadOid(out ReadOnlySpan<byte> algOid) != DerStatus.Ok
            || spki.TryReadBitStringOctets(out ReadOnlySpan<byte> keyBits) != DerStatus.Ok
            || spki.ExpectEnd() != DerStatus.Ok)
        {
            return (int)LinuxErrno.EBADMSG;
        }
        if (Oid.Is(algOid, Oid.RsaEncryption))
        {
            // RFC 3279 §2.3.1: parameters NULL (absent tolerated, as Linux's grammar does).
            if (alg.HasData && alg.TryReadNull() != DerStatus.Ok)
            {
                return (int)LinuxErrno.EBADMSG;
            }
            DerReader body = new DerReader(keyBits);
            if (alg.ExpectEnd() != DerStatus.Ok
                || body.TryEnter(DerTag.Sequence, out DerReader rsaKey) != DerStatus.Ok
                || body.ExpectEnd() != DerStatus.Ok
                || rsaKey.TryReadInteger(out ReadOnlySpan<byte> n) != DerStatus.Ok
                || rsaKey.TryReadInteger(out ReadOnlySpan<byte> e) != DerStatus.Ok
                || rsaKey.ExpectEnd() != DerStatus.Ok
                || (n[0] & 0x80) != 0 || (e[0] & 0x80) != 0)
            {
                return (int)LinuxErrno.EBADMSG;
            }
            if (RsaPublicKey.TryCreate(n, e, out RsaPublicKey? rsa) != CryptoStatus.Success || rsa is null)
            {
                return (int)LinuxErrno.ENOPKG;
            }
            key = new PublicKey(PublicKeyKind.Rsa, rsa, null, null);
            return 0;
        }
        if (Oid.Is(algOid, Oid.EcPublicKey))
        {
            // RFC 5480 §2.1.1: ECParameters is a namedCurve OID (implicitCurve/specifiedCurve refused).
            if (alg.TryReadOid(out ReadOnlySpan<byte> curveOid) != DerStatus.Ok || alg.ExpectEnd() != DerStatus.Ok)
            {
                return (int)LinuxErrno.EBADMSG;
            }
            PublicKeyKind kind;
            EcCurve curve;
            if (Oid.Is(curveOid, Oid.P256))
            {
                kind = PublicKeyKind.EcP256;
                curve = EcCurve.P256;
            }
            else if (Oid.Is(curveOid, Oid.P384))
            {
                kind = PublicKeyKind.EcP384;
                curve = EcCurve.P384;
            }
            else
            {
                return (int)LinuxErrno.ENOPKG;
            }
            ulong[] point = new ulong[3 * curve.Limbs];
            if (!EcPointEncoding.TryDecode(curve, keyBits, point))
            {
                return (int)LinuxErrno.EBADMSG;
            }
            key = new PublicKey(kind, null, curve, point);
            return 0;
        }
        return (int)LinuxErrno.ENOPKG;
    }

    /// <summary>
    /// Verifies a signature over a digest. False when the scheme does not fit the key type, the
    /// hash is not accepted (<see cref="SignatureAlgorithms.IsAcceptedForSignature"/>), or the
    /// signature is wrong or malformed.
    /// </summary>
    public bool Verify(SignatureScheme scheme, DigestAlgorithm hash, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        if (!SignatureAlgorithms.IsAcceptedForSignature(hash) || digest.Length != Digests.SizeOf(hash))
        {
            return false;
        }
        if (scheme == SignatureScheme.RsaPkcs1)
        {
            return _rsa is not null && Pkcs1v15Signature.Verify(_rsa, hash, digest, signature);
        }
        if (scheme == SignatureScheme.Ecdsa)
        {
            if (_curve is null || _point is null)
            {
                return false;
            }
            Span<byte> raw = stackalloc byte[2 * 48];
            Span<byte> p1363 = raw.Slice(0, 2 * _curve.FieldBytes);
            return EcdsaSignatureFormat.TryDerToP1363(_curve, signature, p1363)
                && Ecdsa.Verify(_curve, _point, digest, p1363);
        }
        return false;
    }
}
