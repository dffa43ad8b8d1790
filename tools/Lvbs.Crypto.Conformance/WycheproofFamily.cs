namespace Lvbs.Crypto.Conformance;

/// <summary>
/// The Wycheproof v1 test families the kernel library can be checked against, named after the
/// file's <c>schema</c> field (e.g. <c>ecdsa_p1363_verify_schema_v1.json</c>).
/// </summary>
public enum WycheproofFamily
{
    /// <summary>The schema is not one this runner knows.</summary>
    Unknown,

    /// <summary><c>aead_test_schema</c>: authenticated encryption (AES-GCM).</summary>
    Aead,

    /// <summary><c>mac_test_schema</c>: HMAC-SHA-1/2, AES-CMAC.</summary>
    Mac,

    /// <summary><c>hkdf_test_schema</c>: HKDF-SHA-1/2.</summary>
    Hkdf,

    /// <summary><c>ind_cpa_test_schema</c>: unauthenticated encryption (AES-CBC-PKCS5).</summary>
    IndCpa,

    /// <summary><c>ecdsa_verify_schema</c>: ECDSA with DER signatures.</summary>
    EcdsaDer,

    /// <summary><c>ecdsa_p1363_verify_schema</c>: ECDSA with r||s signatures.</summary>
    EcdsaP1363,

    /// <summary><c>ecdh_test_schema</c>: ECDH, peer key as SubjectPublicKeyInfo.</summary>
    EcdhSpki,

    /// <summary><c>ecdh_ecpoint_test_schema</c>: ECDH, peer key as a SEC 1 point.</summary>
    EcdhPoint,

    /// <summary><c>eddsa_verify_schema</c>: Ed25519 verification.</summary>
    Eddsa,

    /// <summary><c>xdh_comp_schema</c>: X25519 with raw keys.</summary>
    Xdh,

    /// <summary><c>rsassa_pkcs1_verify_schema</c>: RSA PKCS#1 v1.5 signature verification.</summary>
    RsaPkcs1Verify,

    /// <summary><c>rsassa_pss_verify_schema</c>: RSA-PSS verification.</summary>
    RsaPssVerify,

    /// <summary><c>rsaes_oaep_decrypt_schema</c>: RSA-OAEP decryption.</summary>
    RsaOaepDecrypt,

    /// <summary><c>rsaes_pkcs1_decrypt_schema</c>: RSA PKCS#1 v1.5 decryption.</summary>
    RsaPkcs1Decrypt,
}

/// <summary>Maps a file's <c>schema</c> field to a <see cref="WycheproofFamily"/>.</summary>
public static class WycheproofFamilies
{
    /// <summary>
    /// The family named by <paramref name="schema"/> (with or without the <c>_v1</c> suffix and
    /// the <c>.json</c> extension), or <see cref="WycheproofFamily.Unknown"/>.
    /// </summary>
    public static WycheproofFamily FromSchema(string schema)
    {
        string s = schema;
        if (s.EndsWith(".json", System.StringComparison.Ordinal))
        {
            s = s.Substring(0, s.Length - 5);
        }

        if (s.EndsWith("_v1", System.StringComparison.Ordinal))
        {
            s = s.Substring(0, s.Length - 3);
        }

        return s switch
        {
            "aead_test_schema" => WycheproofFamily.Aead,
            "mac_test_schema" => WycheproofFamily.Mac,
            "hkdf_test_schema" => WycheproofFamily.Hkdf,
            "ind_cpa_test_schema" => WycheproofFamily.IndCpa,
            "ecdsa_verify_schema" => WycheproofFamily.EcdsaDer,
            "ecdsa_p1363_verify_schema" => WycheproofFamily.EcdsaP1363,
            "ecdh_test_schema" => WycheproofFamily.EcdhSpki,
            "ecdh_ecpoint_test_schema" => WycheproofFamily.EcdhPoint,
            "eddsa_verify_schema" => WycheproofFamily.Eddsa,
            "xdh_comp_schema" => WycheproofFamily.Xdh,
            "rsassa_pkcs1_verify_schema" => WycheproofFamily.RsaPkcs1Verify,
            "rsassa_pss_verify_schema" => WycheproofFamily.RsaPssVerify,
            "rsaes_oaep_decrypt_schema" => WycheproofFamily.RsaOaepDecrypt,
            "rsaes_pkcs1_decrypt_schema" => WycheproofFamily.RsaPkcs1Decrypt,
            _ => WycheproofFamily.Unknown,
        };
    }
}
