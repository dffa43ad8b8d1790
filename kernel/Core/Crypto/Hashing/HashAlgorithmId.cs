namespace Lvbs.Kernel.Crypto.Hashing;

/// <summary>
/// Run-time name of a hash, for code that picks the hash from data (a signature's algorithm
/// identifier, a vector file). Code that knows the hash statically should use the generic
/// struct APIs instead. Switches on this enum reject unknown values.
/// </summary>
public enum HashAlgorithmId
{
    /// <summary>Not a hash; the value <c>default</c> gives.</summary>
    None = 0,

    /// <summary>SHA-1 (legacy verification only).</summary>
    Sha1,

    /// <summary>SHA-256.</summary>
    Sha256,

    /// <summary>SHA-384.</summary>
    Sha384,

    /// <summary>SHA-512.</summary>
    Sha512,
}
