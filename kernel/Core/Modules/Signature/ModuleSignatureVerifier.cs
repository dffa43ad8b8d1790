using System;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Asn1;
using Lvbs.Kernel.Crypto.Hashing;
using Lvbs.Kernel.Crypto.Rsa;
using Lvbs.Kernel.Keys;

namespace Lvbs.Kernel.Modules.Signature;

/// <summary>
/// Verifies an appended module signature the way Debian's Linux 6.1 does
/// (kernel/module/signing.c <c>module_sig_check</c> → <c>mod_verify_sig</c> →
/// <c>verify_pkcs7_signature</c>, plus Debian's whole-file <c>bin:</c> hash check), returning
/// the same errno, but stricter where Linux is lenient: DER only, the signer is found by its
/// SignerIdentifier among trusted keys (never by trying every key, never from certificates
/// embedded in the message), SHA-1/SHA-224 refused, revoked and blacklisted keys unusable.
/// </summary>
public static class ModuleSignatureVerifier
{
    /// <summary>
    /// Verifies signedModule (the .ko file as loaded) against keys. Returns 0 when valid, else
    /// a positive errno: ENODATA (no signature marker: unsigned), EBADMSG (malformed trailer or
    /// PKCS#7, embedded content), ENOPKG (id_type not PKCS#7, unsupported algorithm), EINVAL
    /// (unsupported PKCS#7 type or version), EKEYREJECTED (not pkcs7-data, signed attributes,
    /// signature does not verify, key revoked, whole-file hash blacklisted), ENOKEY (no usable
    /// trusted key named by any signer). bodyLength is the ELF body's length: the whole input
    /// for ENODATA, 0 when the trailer itself is malformed.
    /// </summary>
    public static int Verify(ReadOnlySpan<byte> signedModule, TrustedKeyring keys, out int bodyLength)
    {
        bodyLength = 0;
        if (!ModuleSignatureTrailer.HasMarker(signedModule))
        {
            bodyLength = signedModule.Length;
            return (int)LinuxErrno.ENODATA;
        }
        int status = ModuleSignatureTrailer.TrySplit(signedModule, out int body, out int sigLen);
        if (status != 0)
        {
            return status;
        }
        bodyLength = body;
        ReadOnlySpan<byte> module = signedModule.Slice(0, body);
        status = VerifyDetached(module, signedModule.Slice(body, sigLen), keys);
        if (status != 0)
        {
            return status;
        }
        // Debian mod_is_hash_blacklisted(): SHA-256 of the entire file, signature included.
        if (keys.Blacklist.Count != 0)
        {
            Span<byte> whole = stackalloc byte[Sha256.HashSize];
            Sha256.Hash(signedModule, whole);
            if (keys.IsBinaryHashBlacklisted(whole))
            {
                return (int)LinuxErrno.EKEYREJECTED; // "Module hash ... is blacklisted"
            }
        }
        return 0;
    }

    /// <summary>
    /// verify_pkcs7_signature(VERIFYING_MODULE_SIGNATURE) over detached data: parse, usage
    /// checks (pkcs7_verify), revocation (is_key_on_revocation_list), then trust
    /// (pkcs7_validate_trust) — in that order, so errors match Linux's.
    /// </summary>
    public static int VerifyDetached(ReadOnlySpan<byte> data, ReadOnlySpan<byte> pkcs7, TrustedKeyring keys)
    {
        int status = Pkcs7SignedData.TryParse(pkcs7, out Pkcs7SignedData message);
        if (status != 0)
        {
            return status;
        }
        if (message.HasContent)
        {
            return (int)LinuxErrno.EBADMSG; // pkcs7_supply_detached_data: "non-detached data"
        }
        if (!message.IsDataContent || message.HasAuthenticatedAttributes)
        {
            return (int)LinuxErrno.EKEYREJECTED; // "Invalid module sig (not pkcs7-data / has authattrs)"
        }

        // One digest per hash the signers use (in practice one SHA-256 over the body).
        Span<byte> digests = stackalloc byte[32 + 48 + 64];
        bool have256 = false, have384 = false, have512 = false;

        // Revocation: a signer verified by a revocation certificate is refused.
        DerReader signers = message.Signers;
        while (signers.HasData)
        {
            Pkcs7SignerInfo.TryParse(ref signers, message.Version, out Pkcs7SignerInfo si);
            X509Certificate? revoked = keys.FindRevoked(si.BySubjectKeyId, si.Issuer, si.SerialNumber, si.SubjectKeyId);
            if (revoked is not null)
            {
                ReadOnlySpan<byte> digest = DigestFor(si.DigestAlgorithm, data, digests, ref have256, ref have384, ref have512);
                if (revoked.PublicKey.Verify(si.Scheme, si.DigestAlgorithm, digest, si.Signature))
                {
                    return (int)LinuxErrno.EKEYREJECTED;
                }
            }
        }

        // Trust: ENOKEY unless some signer names a usable trusted key; a named key that does
        // not verify the signature is EKEYREJECTED at once (pkcs7_validate_trust_one).
        int result = (int)LinuxErrno.ENOKEY;
        signers = message.Signers;
        while (signers.HasData)
        {
            Pkcs7SignerInfo.TryParse(ref signers, message.Version, out Pkcs7SignerInfo si);
            X509Certificate? key = keys.FindTrusted(si.BySubjectKeyId, si.Issuer, si.SerialNumber, si.SubjectKeyId);
            if (key is null)
            {
                continue;
            }
            ReadOnlySpan<byte> digest = DigestFor(si.DigestAlgorithm, data, digests, ref have256, ref have384, ref have512);
            if (!key.PublicKey.Verify(si.Scheme, si.DigestAlgorithm, digest, si.Signature))
            {
                return (int)LinuxErrno.EKEYREJECTED;
            }
            result = 0;
        }
        return result;
    }

    private static ReadOnlySpan<byte> DigestFor(DigestAlgorithm algorithm, ReadOnlySpan<byte> data, Span<byte> digests,
        ref bool have256, ref bool have384, ref bool have512)
    {
        switch (algorithm)
        {
            case DigestAlgorithm.Sha256:
                if (!have256)
                {
                    Sha256.Hash(data, digests.Slice(0, 32));
                    have256 = true;
                }
                return digests.Slice(0, 32);
            case DigestAlgorithm.Sha384:
                if (!have384)
                {
                    Sha384.Hash(data, digests.Slice(32, 48));
                    have384 = true;
                }
                return digests.Slice(32, 48);
            case DigestAlgorithm.Sha512:
                if (!have512)
                {
                    Sha512.Hash(data, digests.Slice(80, 64));
                    have512 = true;
                }
                return digests.Slice(80, 64);
            default:
                return ReadOnlySpan<byte>.Empty; // refused at parse time; an empty digest never verifies
        }
    }
}
