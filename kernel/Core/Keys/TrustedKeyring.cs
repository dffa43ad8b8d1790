using System;
using Lvbs.Abi.Heki;

namespace Lvbs.Kernel.Keys;

/// <summary>
/// The keys VTL1 trusts for module (and kexec) signatures, modelled on Linux's builtin +
/// secondary trusted keyrings and its blacklist keyring (certs/system_keyring.c,
/// certs/blacklist.c): system certificates (loaded before end of boot), secondary keys accepted
/// only when vouched for by an already trusted key (restrict_link_by_signature), revocation
/// certificates and <c>tbs:</c>/<c>bin:</c> blacklisted hashes. Every store is bounded, so
/// VTL0 cannot grow it without limit, and every Add is all-or-nothing. A trusted certificate
/// whose tbs hash is blacklisted, or whose key is also a revocation certificate's key, is never
/// used (Linux would have refused to load it; here the blacklist may arrive after it).
/// </summary>
public sealed class TrustedKeyring
{
    private readonly X509Certificate[] _trusted;
    private readonly X509Certificate[] _revoked;
    private readonly HashBlacklist _blacklist = new HashBlacklist();
    private int _trustedCount;
    private int _systemCount;
    private int _revokedCount;

    /// <summary>
    /// A keyring holding at most maxKeys trusted certificates (system and secondary together)
    /// and at most maxKeys revocation certificates. A negative maxKeys counts as 0.
    /// </summary>
    public TrustedKeyring(int maxKeys)
    {
        int n = maxKeys < 0 ? 0 : maxKeys;
        _trusted = new X509Certificate[n];
        _revoked = new X509Certificate[n];
    }

    /// <summary>Trusted certificates held (system and secondary).</summary>
    public int Count => _trustedCount;

    /// <summary>System certificates held.</summary>
    public int SystemCount => _systemCount;

    /// <summary>Revocation certificates held.</summary>
    public int RevokedCount => _revokedCount;

    /// <summary>The blacklisted hashes.</summary>
    public HashBlacklist Blacklist => _blacklist;

    /// <summary>The i-th trusted certificate (0 ≤ i &lt; <see cref="Count"/>).</summary>
    public X509Certificate TrustedAt(int i) => _trusted[i];

    /// <summary>
    /// Adds a concatenation of DER certificates (LOAD_KDATA SystemCerts; Linux
    /// system_certificate_list). 0, EBADMSG/ENOPKG for a certificate that does not parse, ERANGE
    /// when the keyring would overflow; nothing is added unless everything is. A certificate
    /// already held is not added twice.
    /// </summary>
    public int AddSystemCertificates(ReadOnlySpan<byte> concatenatedDer)
    {
        int before = _trustedCount;
        int status = AddList(concatenatedDer, _trusted, ref _trustedCount);
        _systemCount += _trustedCount - before;
        return status;
    }

    /// <summary>
    /// Adds a concatenation of DER revocation certificates (CONFIG_SYSTEM_REVOCATION_LIST):
    /// signatures they verify are refused with EKEYREJECTED. Same errors as
    /// <see cref="AddSystemCertificates"/>.
    /// </summary>
    public int AddRevocationCertificates(ReadOnlySpan<byte> concatenatedDer) =>
        AddList(concatenatedDer, _revoked, ref _revokedCount);

    /// <summary>Adds LVBS wire-form blacklist entries (see <see cref="HashBlacklist.AddWireList"/>).</summary>
    public int AddBlacklistHashes(ReadOnlySpan<byte> text) => _blacklist.AddWireList(text);

    /// <summary>Adds the Kconfig file form (see <see cref="HashBlacklist.AddKconfigList"/>); for the CLI.</summary>
    public int AddBlacklistHashList(ReadOnlySpan<byte> kconfigText) => _blacklist.AddKconfigList(kconfigText);

    /// <summary>
    /// Adds a secondary trusted key (COPY_SECONDARY_KEY), as Linux's
    /// restrict_link_by_signature does for the secondary keyring: the certificate's issuer key
    /// is looked up among usable trusted keys by authorityKeyIdentifier keyIdentifier, else by
    /// its authorityCertIssuer + serial, else by issuer Name = subject, and its signature must
    /// verify under that key. 0; EBADMSG/ENOPKG (does not parse); EKEYREJECTED (blacklisted,
    /// or the signature fails); ENOKEY (no trusted key identified as its signer); ERANGE (full).
    /// </summary>
    public int AddSecondaryKey(ReadOnlySpan<byte> certDer)
    {
        int status = X509Certificate.TryParse(certDer, out X509Certificate? cert);
        if (status != 0 || cert is null)
        {
            return status != 0 ? status : (int)LinuxErrno.EBADMSG;
        }
        if (_blacklist.Contains(BlacklistKind.Tbs, cert.TbsDigest))
        {
            return (int)LinuxErrno.EKEYREJECTED; // x509_key_preparse: blacklisted certificate
        }
        if (IndexOf(_trusted, _trustedCount, cert) >= 0)
        {
            return 0;
        }
        if (_trustedCount >= _trusted.Length)
        {
            return (int)LinuxErrno.ERANGE;
        }
        X509Certificate? voucher = FindIssuer(cert);
        if (voucher is null)
        {
            return (int)LinuxErrno.ENOKEY;
        }
        if (!voucher.Signed(cert))
        {
            return (int)LinuxErrno.EKEYREJECTED;
        }
        _trusted[_trustedCount++] = cert;
        return 0;
    }

    /// <summary>True when the SHA-256 of a whole module file is a <c>bin:</c> entry (Debian mod_is_hash_blacklisted).</summary>
    public bool IsBinaryHashBlacklisted(ReadOnlySpan<byte> digest) => _blacklist.Contains(BlacklistKind.Bin, digest);

    /// <summary>False for a certificate whose tbs hash is blacklisted or whose key is revoked.</summary>
    public bool IsUsable(X509Certificate cert)
    {
        if (_blacklist.Contains(BlacklistKind.Tbs, cert.TbsDigest))
        {
            return false;
        }
        for (int i = 0; i < _revokedCount; i++)
        {
            if (_revoked[i].SubjectPublicKeyInfo.SequenceEqual(cert.SubjectPublicKeyInfo))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The usable trusted certificate a PKCS#7 SignerIdentifier names: by issuer Name + serial
    /// (bySubjectKeyId false) or by subjectKeyIdentifier. Null when none; never tries other keys.
    /// </summary>
    public X509Certificate? FindTrusted(bool bySubjectKeyId, ReadOnlySpan<byte> issuer, ReadOnlySpan<byte> serial, ReadOnlySpan<byte> subjectKeyId)
    {
        for (int i = 0; i < _trustedCount; i++)
        {
            X509Certificate c = _trusted[i];
            if (Matches(c, bySubjectKeyId, issuer, serial, subjectKeyId) && IsUsable(c))
            {
                return c;
            }
        }
        return null;
    }

    /// <summary>
    /// The usable trusted certificate that is cert itself as Linux find_asymmetric_key(x509->id,
    /// x509->skid) finds it: same issuer Name + serial and, when cert has one, the same
    /// subjectKeyIdentifier. Null when none.
    /// </summary>
    public X509Certificate? FindTrustedCertificate(X509Certificate cert)
    {
        for (int i = 0; i < _trustedCount; i++)
        {
            X509Certificate c = _trusted[i];
            if (c.SerialNumber.SequenceEqual(cert.SerialNumber) && c.Issuer.SequenceEqual(cert.Issuer)
                && (cert.SubjectKeyIdentifier.IsEmpty || c.SubjectKeyIdentifier.SequenceEqual(cert.SubjectKeyIdentifier))
                && IsUsable(c))
            {
                return c;
            }
        }
        return null;
    }

    /// <summary>
    /// The usable trusted key cert's authorityKeyIdentifier names (keyIdentifier and/or
    /// authorityCertIssuer + serial, both matching when both are present), as Linux
    /// pkcs7_validate_trust_one looks up the signer of a chain's last certificate. Null when
    /// cert has no authorityKeyIdentifier or no trusted key matches; the signature is not checked.
    /// </summary>
    public X509Certificate? FindTrustedAuthority(X509Certificate cert)
    {
        bool haveIssuerSerial = !cert.AuthorityCertIssuer.IsEmpty && !cert.AuthorityCertSerial.IsEmpty;
        return cert.AuthorityKeyId.IsEmpty && !haveIssuerSerial ? null : FindIssuer(cert);
    }

    /// <summary>The revocation certificate a SignerIdentifier names, or null.</summary>
    public X509Certificate? FindRevoked(bool bySubjectKeyId, ReadOnlySpan<byte> issuer, ReadOnlySpan<byte> serial, ReadOnlySpan<byte> subjectKeyId)
    {
        for (int i = 0; i < _revokedCount; i++)
        {
            if (Matches(_revoked[i], bySubjectKeyId, issuer, serial, subjectKeyId))
            {
                return _revoked[i];
            }
        }
        return null;
    }

    private static bool Matches(X509Certificate c, bool bySubjectKeyId, ReadOnlySpan<byte> issuer, ReadOnlySpan<byte> serial, ReadOnlySpan<byte> subjectKeyId)
    {
        if (bySubjectKeyId)
        {
            return !subjectKeyId.IsEmpty && c.SubjectKeyIdentifier.SequenceEqual(subjectKeyId);
        }
        return c.SerialNumber.SequenceEqual(serial) && c.Issuer.SequenceEqual(issuer);
    }

    /// <summary>
    /// The usable trusted key that claims to have issued cert (Linux find_asymmetric_key with the
    /// certificate's auth_ids): AKI keyIdentifier = SKID (and AKI issuer+serial too when both
    /// are present), else AKI issuer+serial, else issuer Name = subject Name.
    /// </summary>
    private X509Certificate? FindIssuer(X509Certificate cert)
    {
        bool haveKeyId = !cert.AuthorityKeyId.IsEmpty;
        bool haveIssuerSerial = !cert.AuthorityCertIssuer.IsEmpty && !cert.AuthorityCertSerial.IsEmpty;
        for (int i = 0; i < _trustedCount; i++)
        {
            X509Certificate c = _trusted[i];
            bool match;
            if (haveKeyId)
            {
                match = c.SubjectKeyIdentifier.SequenceEqual(cert.AuthorityKeyId)
                    && (!haveIssuerSerial || (c.Issuer.SequenceEqual(cert.AuthorityCertIssuer) && c.SerialNumber.SequenceEqual(cert.AuthorityCertSerial)));
            }
            else if (haveIssuerSerial)
            {
                match = c.Issuer.SequenceEqual(cert.AuthorityCertIssuer) && c.SerialNumber.SequenceEqual(cert.AuthorityCertSerial);
            }
            else
            {
                match = c.Subject.SequenceEqual(cert.Issuer);
            }
            if (match && IsUsable(c))
            {
                return c;
            }
        }
        return null;
    }

    private static int AddList(ReadOnlySpan<byte> concatenatedDer, X509Certificate[] store, ref int count)
    {
        // Parse everything first into a scratch list the size of the free space, then commit.
        X509Certificate[] pending = new X509Certificate[store.Length - count];
        int pendingCount = 0;
        int pos = 0;
        while (pos < concatenatedDer.Length)
        {
            ReadOnlySpan<byte> rest = concatenatedDer.Slice(pos);
            if (Asn1.DerReader.TryReadHeader(rest, out byte tag, out int header, out int length) != Asn1.DerStatus.Ok
                || tag != Asn1.DerTag.Sequence)
            {
                return (int)LinuxErrno.EBADMSG;
            }
            int status = X509Certificate.TryParse(rest.Slice(0, header + length), out X509Certificate? cert);
            if (status != 0 || cert is null)
            {
                return status != 0 ? status : (int)LinuxErrno.EBADMSG;
            }
            pos += header + length;
            if (IndexOf(store, count, cert) >= 0 || IndexOf(pending, pendingCount, cert) >= 0)
            {
                continue;
            }
            if (pendingCount >= pending.Length)
            {
                return (int)LinuxErrno.ERANGE;
            }
            pending[pendingCount++] = cert;
        }
        for (int i = 0; i < pendingCount; i++)
        {
            store[count++] = pending[i];
        }
        return 0;
    }

    private static int IndexOf(X509Certificate[] store, int count, X509Certificate cert)
    {
        for (int i = 0; i < count; i++)
        {
            if (store[i].Der.SequenceEqual(cert.Der))
            {
                return i;
            }
        }
        return -1;
    }
}
