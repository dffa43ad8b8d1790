using System;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Asn1;
using Lvbs.Kernel.Keys;
using Lvbs.Kernel.Modules.Signature;

namespace Lvbs.Kernel.Kexec.Authenticode;

/// <summary>
/// The certificates a PKCS#7 message carries (RFC 2315 §9.1 <c>certificates</c>), decoded and
/// bounded. They identify the signer and may form a chain up to a trusted key (Linux 6.1
/// pkcs7_find_key, pkcs7_verify_sig_chain); by themselves they confer no trust.
/// </summary>
public sealed class EmbeddedCertificates
{
    /// <summary>Most embedded certificates accepted (Authenticode carries the signer and a few CAs).</summary>
    public const int MaxCertificates = 16;

    private const sbyte Unknown = 0, Yes = 1, No = 2;

    private readonly X509Certificate[] _certs;
    // Per certificate, computed once however many signers chain through it (as Linux keeps
    // seen/verified flags): is it self-signed, which carried certificate issued it, and did
    // that issuer's signature on it verify. Bounds the signature checks a message can cause.
    private readonly sbyte[] _selfSigned;
    private readonly int[] _issuer;
    private readonly int[] _linkStatus;

    private EmbeddedCertificates(X509Certificate[] certs, int count)
    {
        _certs = certs;
        Count = count;
        _selfSigned = new sbyte[count];
        _issuer = new int[count];
        _linkStatus = new int[count];
        for (int i = 0; i < count; i++)
        {
            _issuer[i] = -2; // not looked up yet
        }
    }

    /// <summary>Number of certificates.</summary>
    public int Count { get; }

    /// <summary>The i-th certificate (0 ≤ i &lt; <see cref="Count"/>).</summary>
    public X509Certificate this[int i] => _certs[i];

    /// <summary>
    /// Decodes the contents of the certificates field (concatenated certificate TLVs). 0;
    /// EBADMSG (not a certificate, more than <see cref="MaxCertificates"/>); ENOPKG (a
    /// certificate with an algorithm this kernel does not support: Linux's x509_cert_parse
    /// fails the whole message the same way).
    /// </summary>
    public static int TryParse(ReadOnlySpan<byte> certificatesField, out EmbeddedCertificates? certificates)
    {
        certificates = null;
        X509Certificate[] certs = new X509Certificate[MaxCertificates];
        int count = 0;
        DerReader reader = new DerReader(certificatesField);
        while (reader.HasData)
        {
            if (count == MaxCertificates || reader.TryReadExpected(DerTag.Sequence, out DerElement element) != DerStatus.Ok)
            {
                return (int)LinuxErrno.EBADMSG;
            }
            int status = X509Certificate.TryParse(element.Encoded, out X509Certificate? cert);
            if (status != 0 || cert is null)
            {
                return status != 0 ? status : (int)LinuxErrno.EBADMSG;
            }
            certs[count++] = cert;
        }
        certificates = new EmbeddedCertificates(certs, count);
        return 0;
    }

    /// <summary>
    /// The certificate a SignerIdentifier names: issuer Name + serial (SignerInfo v1) or
    /// subjectKeyIdentifier (v3). Null when the message does not carry it.
    /// </summary>
    public X509Certificate? FindSigner(in Pkcs7SignerInfo signer)
    {
        int i = IndexOfSigner(signer);
        return i < 0 ? null : _certs[i];
    }

    /// <summary>The index of the certificate a SignerIdentifier names, or -1.</summary>
    public int IndexOfSigner(in Pkcs7SignerInfo signer)
    {
        for (int i = 0; i < Count; i++)
        {
            X509Certificate c = _certs[i];
            bool match = signer.BySubjectKeyId
                ? !c.SubjectKeyIdentifier.IsEmpty && c.SubjectKeyIdentifier.SequenceEqual(signer.SubjectKeyId)
                : c.SerialNumber.SequenceEqual(signer.SerialNumber) && c.Issuer.SequenceEqual(signer.Issuer);
            if (match)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary><see cref="IsSelfSigned(X509Certificate)"/> for the i-th certificate, computed once.</summary>
    public bool IsSelfSignedAt(int i)
    {
        if (_selfSigned[i] == Unknown)
        {
            _selfSigned[i] = IsSelfSigned(_certs[i]) ? Yes : No;
        }
        return _selfSigned[i] == Yes;
    }

    /// <summary>
    /// The next link up from the i-th certificate, computed once: issuer is the index of the
    /// carried certificate that issued it, or -1 at the top (self-signed, or issuer not
    /// carried). 0, or EKEYREJECTED when the issuer found does not verify it or its key
    /// identifier contradicts the authorityKeyIdentifier (Linux pkcs7_verify_sig_chain).
    /// </summary>
    public int NextLink(int i, out int issuer)
    {
        if (_issuer[i] == -2)
        {
            int found = -1, status = 0;
            if (!IsSelfSignedAt(i))
            {
                X509Certificate? p = FindIssuer(_certs[i], out bool keyIdMismatch);
                if (p is not null)
                {
                    found = IndexOf(p);
                    status = keyIdMismatch || !p.Signed(_certs[i]) ? (int)LinuxErrno.EKEYREJECTED : 0;
                }
            }
            _issuer[i] = found;
            _linkStatus[i] = status;
        }
        issuer = _issuer[i];
        return _linkStatus[i];
    }

    private int IndexOf(X509Certificate c)
    {
        for (int i = 0; i < Count; i++)
        {
            if (_certs[i] == c)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// The carried certificate that claims to have issued cert, as Linux pkcs7_verify_sig_chain
    /// looks for it: by authorityKeyIdentifier issuer + serial when present (and then its
    /// keyIdentifier must equal that certificate's subjectKeyIdentifier, else keyIdMismatch is
    /// set), else by keyIdentifier = subjectKeyIdentifier. Null when cert names no authority
    /// or the message does not carry it.
    /// </summary>
    public X509Certificate? FindIssuer(X509Certificate cert, out bool keyIdMismatch)
    {
        keyIdMismatch = false;
        bool haveKeyId = !cert.AuthorityKeyId.IsEmpty;
        if (!cert.AuthorityCertIssuer.IsEmpty && !cert.AuthorityCertSerial.IsEmpty)
        {
            for (int i = 0; i < Count; i++)
            {
                X509Certificate p = _certs[i];
                if (p.Issuer.SequenceEqual(cert.AuthorityCertIssuer) && p.SerialNumber.SequenceEqual(cert.AuthorityCertSerial))
                {
                    keyIdMismatch = haveKeyId && !p.SubjectKeyIdentifier.SequenceEqual(cert.AuthorityKeyId);
                    return p;
                }
            }
            return null;
        }
        if (haveKeyId)
        {
            for (int i = 0; i < Count; i++)
            {
                X509Certificate p = _certs[i];
                if (!p.SubjectKeyIdentifier.IsEmpty && p.SubjectKeyIdentifier.SequenceEqual(cert.AuthorityKeyId))
                {
                    return p;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// True for a self-signed certificate as Linux x509_check_for_self_signed decides it:
    /// issuer Name = subject Name, an authorityKeyIdentifier (if any) naming itself, and its own
    /// key verifies its signature.
    /// </summary>
    public static bool IsSelfSigned(X509Certificate cert)
    {
        if (!cert.Issuer.SequenceEqual(cert.Subject))
        {
            return false;
        }
        bool haveKeyId = !cert.AuthorityKeyId.IsEmpty;
        bool haveIssuerSerial = !cert.AuthorityCertIssuer.IsEmpty && !cert.AuthorityCertSerial.IsEmpty;
        if (haveKeyId || haveIssuerSerial)
        {
            bool a = haveKeyId && cert.AuthorityKeyId.SequenceEqual(cert.SubjectKeyIdentifier);
            bool b = haveIssuerSerial && cert.AuthorityCertIssuer.SequenceEqual(cert.Issuer)
                && cert.AuthorityCertSerial.SequenceEqual(cert.SerialNumber);
            if (!a && !b)
            {
                return false;
            }
            if (haveKeyId && haveIssuerSerial && a != b)
            {
                return false;
            }
        }
        return cert.Signed(cert);
    }
}
