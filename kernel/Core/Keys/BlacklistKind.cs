namespace Lvbs.Kernel.Keys;

/// <summary>The two hash entry types of the system blacklist (Linux certs/blacklist.c).</summary>
public enum BlacklistKind
{
    /// <summary><c>tbs:</c> — digest of a certificate's TBSCertificate under its own signature hash.</summary>
    Tbs = 1,
    /// <summary><c>bin:</c> — digest of a binary (Debian: SHA-256 of the whole signed module file).</summary>
    Bin = 2,
}
