using System;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Crypto.Rsa;
using Lvbs.Kernel.Keys;
using Lvbs.Kernel.Kexec.Pe;
using Lvbs.Kernel.Modules.Signature;

namespace Lvbs.Kernel.Kexec.Authenticode;

/// <summary>
/// Verifies the Authenticode signature of a PE image (a bzImage with its EFI stub) the way
/// Linux 6.1 <c>verify_pefile_signature</c> does for kexec_file_load
/// (crypto/asymmetric_keys/verify_pefile.c → verify_pkcs7_signature(VERIFYING_KEXEC_PE_SIGNATURE)
/// → mscode_parse → pefile_digest_pe), in the same order so the errno matches, but from DER
/// only, with every file range bounds-checked, SHA-1 refused, and revoked or blacklisted keys
/// unusable.
/// </summary>
public static class AuthenticodeVerifier
{
    /// <summary>
    /// 0 when peImage carries a valid Authenticode signature by a key keys trusts; else the
    /// positive errno Linux would give: ENODATA (unsigned), ELIBBAD (malformed PE or certificate
    /// wrapper), EBADMSG (malformed PKCS#7 or Authenticode content), EINVAL (unsupported PKCS#7
    /// type or version), ENOPKG (unsupported algorithm), EKEYREJECTED (not Authenticode, digest
    /// or signature mismatch, revoked or blacklisted key), ENOKEY (no trusted key).
    /// </summary>
    public static int Verify(ReadOnlySpan<byte> peImage, TrustedKeyring keys)
    {
        int status = PeImage.TryParse(peImage, out PeImage pe);
        if (status != 0)
        {
            return status;
        }
        status = WinCertificate.TryGetPkcs7(peImage, pe, out ReadOnlySpan<byte> pkcs7);
        if (status != 0)
        {
            return status;
        }
        status = VerifyPkcs7(pkcs7, keys, out SpcIndirectDataContent spc);
        if (status != 0)
        {
            return status;
        }

        // pefile_digest_pe: the image hash, then compare with what the signer vouched for.
        Span<byte> digest = stackalloc byte[64];
        int size = Digests.SizeOf(spc.DigestAlgorithm);
        if (size != spc.Digest.Length)
        {
            return (int)LinuxErrno.EBADMSG; // "Digest size mismatch"
        }
        if (!AuthenticodeDigest.TryCompute(peImage, pe, spc.DigestAlgorithm, digest))
        {
            return (int)LinuxErrno.ENOPKG;
        }
        return digest.Slice(0, size).SequenceEqual(spc.Digest) ? 0 : (int)LinuxErrno.EKEYREJECTED; // "Digest mismatch"
    }

    /// <summary>
    /// verify_pkcs7_signature for an Authenticode message, then mscode_parse: parse; the content
    /// must be SPC_INDIRECT_DATA; per signer, the signed attributes, messageDigest over the
    /// content, the signature over the attributes' DER SET OF under the carried signer
    /// certificate and its chain (pkcs7_verify); revocation and blacklisting; trust
    /// (pkcs7_validate_trust). 0 with spc set, or the errno.
    /// </summary>
    public static int VerifyPkcs7(ReadOnlySpan<byte> pkcs7, TrustedKeyring keys, out SpcIndirectDataContent spc)
    {
        spc = default;
        int status = Pkcs7SignedData.TryParse(pkcs7, out Pkcs7SignedData message);
        if (status != 0)
        {
            return status;
        }
        if (!message.HasContent)
        {
            return (int)LinuxErrno.EBADMSG; // Authenticode embeds its content
        }
        if (!message.IsIndirectDataContent)
        {
            return (int)LinuxErrno.EKEYREJECTED; // "Invalid kexec sig (not Authenticode)"
        }
        status = EmbeddedCertificates.TryParse(message.Certificates, out EmbeddedCertificates? certs);
        if (status != 0 || certs is null)
        {
            return status != 0 ? status : (int)LinuxErrno.EBADMSG;
        }
        // The messageDigest covers the SpcIndirectDataContent's contents octets, without its
        // own identifier and length (RFC 2315 §9.3; Linux pkcs7->data).
        ReadOnlySpan<byte> content = ContentsOf(message.Content);

        Span<byte> signedDigests = stackalloc byte[Pkcs7SignedData.MaxSigners * 64];
        Span<int> chain = stackalloc int[EmbeddedCertificates.MaxCertificates];

        // pkcs7_verify: every signer must be well-formed and verify under its carried certificate.
        int index = 0;
        Asn1.DerReader signers = message.Signers;
        while (signers.HasData)
        {
            Pkcs7SignerInfo.TryParse(ref signers, message.Version, out Pkcs7SignerInfo si);
            Span<byte> signedDigest = signedDigests.Slice(64 * index++, 64);
            status = CheckSigner(si, content, certs, keys, chain, signedDigest);
            if (status != 0)
            {
                return status;
            }
        }

        // is_key_on_revocation_list: a signature a revocation certificate verifies is refused.
        index = 0;
        signers = message.Signers;
        while (signers.HasData)
        {
            Pkcs7SignerInfo.TryParse(ref signers, message.Version, out Pkcs7SignerInfo si);
            ReadOnlySpan<byte> signedDigest = signedDigests.Slice(64 * index++, Digests.SizeOf(si.DigestAlgorithm));
            X509Certificate? revoked = keys.FindRevoked(si.BySubjectKeyId, si.Issuer, si.SerialNumber, si.SubjectKeyId);
            if (revoked is not null && revoked.PublicKey.Verify(si.Scheme, si.DigestAlgorithm, signedDigest, si.Signature))
            {
                return (int)LinuxErrno.EKEYREJECTED;
            }
        }

        // pkcs7_validate_trust: ENOKEY unless some signer is trusted; other errors at once.
        int result = (int)LinuxErrno.ENOKEY;
        index = 0;
        signers = message.Signers;
        while (signers.HasData)
        {
            Pkcs7SignerInfo.TryParse(ref signers, message.Version, out Pkcs7SignerInfo si);
            ReadOnlySpan<byte> signedDigest = signedDigests.Slice(64 * index++, Digests.SizeOf(si.DigestAlgorithm));
            int length = 0;
            int signer = certs.IndexOfSigner(si);
            if (signer >= 0)
            {
                AuthenticodeTrust.BuildChain(certs, signer, chain, out length); // links cached and checked in CheckSigner
            }
            status = AuthenticodeTrust.ValidateOne(keys, certs, si, signedDigest, chain, length);
            if (status == 0)
            {
                result = 0;
            }
            else if (status != (int)LinuxErrno.ENOKEY)
            {
                return status;
            }
        }
        if (result != 0)
        {
            return result;
        }

        // mscode_parse: the image digest the signers vouch for.
        return SpcIndirectDataContent.TryParse(message.Content, out spc);
    }

    /// <summary>
    /// pkcs7_verify_one for one signer: signed attributes, messageDigest, the digest that is
    /// signed (over the attributes as a DER SET OF), then the signature under the carried
    /// signer certificate and the carried chain, refusing blacklisted or revoked certificates.
    /// </summary>
    private static int CheckSigner(in Pkcs7SignerInfo si, ReadOnlySpan<byte> content, EmbeddedCertificates certs,
        TrustedKeyring keys, Span<int> chain, Span<byte> signedDigest)
    {
        if (si.AuthenticatedAttributes.IsEmpty)
        {
            return (int)LinuxErrno.EBADMSG; // "Authenticode requires AuthAttrs" ([2] form or empty set)
        }
        int status = AuthenticodeSignedAttributes.TryParse(si.AuthenticatedAttributes, out AuthenticodeSignedAttributes attrs);
        if (status != 0)
        {
            return status;
        }
        int size = Digests.SizeOf(si.DigestAlgorithm);
        Span<byte> contentDigest = stackalloc byte[64];
        Digests.TryHash(si.DigestAlgorithm, content, contentDigest);
        if (attrs.MessageDigest.Length != size)
        {
            return (int)LinuxErrno.EBADMSG; // "Invalid digest size"
        }
        if (!attrs.MessageDigest.SequenceEqual(contentDigest.Slice(0, size)))
        {
            return (int)LinuxErrno.EKEYREJECTED; // "Message digest doesn't match"
        }
        // RFC 5652 §5.4: the signature covers the attributes re-tagged as SET OF (0x31) with
        // their original length octets.
        Span<byte> header = stackalloc byte[6];
        int headerLength = EncodeSetHeader(si.AuthenticatedAttributes.Length, header);
        Digests.TryHash(si.DigestAlgorithm, header.Slice(0, headerLength), si.AuthenticatedAttributes, ReadOnlySpan<byte>.Empty, signedDigest);

        int signerIndex = certs.IndexOfSigner(si);
        if (signerIndex < 0)
        {
            return 0; // not carried: the trust step may still find it among trusted keys
        }
        X509Certificate signer = certs[signerIndex];
        // Linux pkcs7_verify_one: a signing time outside the signer certificate's validity is
        // refused (the clock is not consulted; only the two signed statements are compared).
        if (attrs.HasSigningTime)
        {
            if (!Asn1Time.TryReadValidity(signer.Tbs, out ulong notBefore, out ulong notAfter))
            {
                return (int)LinuxErrno.EBADMSG;
            }
            if (attrs.SigningTime < notBefore || attrs.SigningTime > notAfter)
            {
                return (int)LinuxErrno.EKEYREJECTED; // "Message signed outside of X.509 validity window"
            }
        }
        if (!signer.PublicKey.Verify(si.Scheme, si.DigestAlgorithm, signedDigest.Slice(0, size), si.Signature))
        {
            return (int)LinuxErrno.EKEYREJECTED;
        }
        status = AuthenticodeTrust.BuildChain(certs, signerIndex, chain, out int length);
        if (status != 0)
        {
            return status;
        }
        for (int k = 0; k < length; k++)
        {
            if (!keys.IsUsable(certs[chain[k]]))
            {
                return (int)LinuxErrno.EKEYREJECTED; // blacklisted tbs: hash or revoked key in the chain
            }
        }
        return 0;
    }

    /// <summary>The contents octets of a DER TLV already validated by the PKCS#7 parser.</summary>
    private static ReadOnlySpan<byte> ContentsOf(ReadOnlySpan<byte> tlv)
    {
        Asn1.DerReader.TryReadHeader(tlv, out _, out int header, out int length);
        return tlv.Slice(header, length);
    }

    /// <summary>DER identifier and length octets of a SET with the given contents length (X.690 §8.1.3).</summary>
    private static int EncodeSetHeader(int length, Span<byte> header)
    {
        header[0] = 0x31;
        if (length < 0x80)
        {
            header[1] = (byte)length;
            return 2;
        }
        int octets = length > 0xFFFFFF ? 4 : length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
        header[1] = (byte)(0x80 | octets);
        for (int i = 0; i < octets; i++)
        {
            header[2 + i] = (byte)(length >> (8 * (octets - 1 - i)));
        }
        return 2 + octets;
    }
}
