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

    private readonly X509Certificate[] _certs;

    private EmbeddedCertificates(X509Certificate[] certs, int count)
    {
        _certs = certs;
        Count = count;
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
        for (int i = 0; i < Count; i++)
        {
            X509Certificate c = _certs[i];
            bool match = signer.BySubjectKeyId
                ? !c.SubjectKeyIdentifier.IsEmpty && c.SubjectKeyIdentifier.SequenceEqual(signer.SubjectKeyId)
                : c.SerialNumber.SequenceEqual(signer.SerialNumber) && c.Issuer.SequenceEqual(signer.Issuer);
            if (match)
            {
                return c;
            }
        }
        return null;
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
