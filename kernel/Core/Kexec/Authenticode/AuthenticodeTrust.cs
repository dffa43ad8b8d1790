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
    /// Builds the chain of the carried signer certificate at index signer into chain (at least
    /// <see cref="EmbeddedCertificates.MaxCertificates"/> entries, indexes into certs) and checks
    /// each link. 0 with length ≥ 1; EKEYREJECTED when a link's signature does not verify or an
    /// issuer found by issuer + serial has another key identifier than the one claimed. The
    /// chain ends at a self-signed certificate, at one whose issuer the message does not carry,
    /// or where it would loop.
    /// </summary>
    public static int BuildChain(EmbeddedCertificates certs, int signer, Span<int> chain, out int length)
    {
        length = 0;
        chain[length++] = signer;
        int x = signer;
        while (length < chain.Length)
        {
            int status = certs.NextLink(x, out int p);
            if (status != 0)
            {
                return status;
            }
            if (p < 0 || p == x || Contains(chain, length, p))
            {
                break; // the top of what the message carries, a self-signed root, or a loop
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
    public static int ValidateOne(TrustedKeyring keys, EmbeddedCertificates certs, in Pkcs7SignerInfo signer,
        ReadOnlySpan<byte> signedDigest, ReadOnlySpan<int> chain, int length)
    {
        for (int k = 0; k < length; k++)
        {
            X509Certificate x = certs[chain[k]];
            X509Certificate? trusted = keys.FindTrustedCertificate(x);
            if (trusted is not null)
            {
                // The trusted twin of chain[k] must verify what chain[k] signed: the message
                // itself for the signer's certificate, else the certificate below it.
                bool ok = k == 0
                    ? trusted.PublicKey.Verify(signer.Scheme, signer.DigestAlgorithm, signedDigest, signer.Signature)
                    : trusted.Signed(certs[chain[k - 1]]);
                return ok ? 0 : (int)LinuxErrno.EKEYREJECTED;
            }
            if (certs.IsSelfSignedAt(chain[k]))
            {
                return (int)LinuxErrno.ENOKEY; // an unknown self-signed root
            }
        }
        if (length > 0)
        {
            X509Certificate last = certs[chain[length - 1]];
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

    private static bool Contains(Span<int> chain, int length, int index)
    {
        for (int i = 0; i < length; i++)
        {
            if (chain[i] == index)
            {
                return true;
            }
        }
        return false;
    }
}
