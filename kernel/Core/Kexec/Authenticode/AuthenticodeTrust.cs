using System;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Keys;
using Lvbs.Kernel.Modules.Signature;

namespace Lvbs.Kernel.Kexec.Authenticode;

/// <summary>
/// Signer chains and trust for one SignerInfo, following Linux 6.1
/// crypto/asymmetric_keys/pkcs7_verify.c (pkcs7_verify_sig_chain) and pkcs7_trust.c
/// (pkcs7_validate_trust_one): the chain runs from the signer's certificate through the
/// certificates the message carries, each link's signature checked; the message is trusted
/// when a certificate of that chain is itself a trusted key (which must then verify the
/// signature below it), or a trusted key issued the chain's last certificate, or the
/// SignerIdentifier names a trusted key directly. Carried certificates never suffice alone.
/// </summary>
public static class AuthenticodeTrust
{
    /// <summary>
    /// Builds signer's chain into chain (at least <see cref="EmbeddedCertificates.MaxCertificates"/>
    /// entries) and checks each link. 0 with length ≥ 1; EKEYREJECTED when a link's signature
    /// does not verify or an issuer found by issuer + serial has another key identifier than the
    /// one claimed ("AKID mismatch"). The chain ends at a self-signed certificate, at one whose
    /// issuer the message does not carry, or where it would loop.
    /// </summary>
    public static int BuildChain(EmbeddedCertificates certs, X509Certificate signer, X509Certificate?[] chain, out int length)
    {
        length = 0;
        chain[length++] = signer;
        X509Certificate x = signer;
        while (length < chain.Length && !EmbeddedCertificates.IsSelfSigned(x))
        {
            X509Certificate? p = certs.FindIssuer(x, out bool keyIdMismatch);
            if (p is null)
            {
                break; // the top of what the message carries
            }
            if (keyIdMismatch || !p.Signed(x))
            {
                return (int)LinuxErrno.EKEYREJECTED;
            }
            if (Contains(chain, length, p))
            {
                break;
            }
            chain[length++] = p;
            x = p;
        }
        return 0;
    }

    /// <summary>
    /// pkcs7_validate_trust_one for one signer whose message signature over signedDigest was
    /// already checked against its carried certificate (when there is one). chain/length come
    /// from <see cref="BuildChain"/> (length 0 when the message does not carry the signer).
    /// 0 trusted; ENOKEY no trusted key found (or an untrusted self-signed root); EKEYREJECTED
    /// when the trusted key found does not verify the signature it is meant to vouch for.
    /// </summary>
    public static int ValidateOne(TrustedKeyring keys, in Pkcs7SignerInfo signer, ReadOnlySpan<byte> signedDigest,
        X509Certificate?[] chain, int length)
    {
        for (int k = 0; k < length; k++)
        {
            X509Certificate x = chain[k]!;
            X509Certificate? trusted = keys.FindTrustedCertificate(x);
            if (trusted is not null)
            {
                // The trusted twin of chain[k] must verify what chain[k] signed: the message
                // itself for the signer's certificate, else the certificate below it.
                bool ok = k == 0
                    ? trusted.PublicKey.Verify(signer.Scheme, signer.DigestAlgorithm, signedDigest, signer.Signature)
                    : trusted.Signed(chain[k - 1]!);
                return ok ? 0 : (int)LinuxErrno.EKEYREJECTED;
            }
            if (EmbeddedCertificates.IsSelfSigned(x))
            {
                return (int)LinuxErrno.ENOKEY; // an unknown self-signed root
            }
        }
        if (length > 0)
        {
            X509Certificate last = chain[length - 1]!;
            X509Certificate? authority = keys.FindTrustedAuthority(last);
            if (authority is not null)
            {
                return authority.Signed(last) ? 0 : (int)LinuxErrno.EKEYREJECTED;
            }
        }
        X509Certificate? direct = keys.FindTrusted(signer.BySubjectKeyId, signer.Issuer, signer.SerialNumber, signer.SubjectKeyId);
        if (direct is not null)
        {
            return direct.PublicKey.Verify(signer.Scheme, signer.DigestAlgorithm, signedDigest, signer.Signature)
                ? 0 : (int)LinuxErrno.EKEYREJECTED;
        }
        return (int)LinuxErrno.ENOKEY;
    }

    private static bool Contains(X509Certificate?[] chain, int length, X509Certificate c)
    {
        for (int i = 0; i < length; i++)
        {
            if (chain[i] == c)
            {
                return true;
            }
        }
        return false;
    }
}
