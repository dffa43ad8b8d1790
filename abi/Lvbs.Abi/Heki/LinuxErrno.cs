using System;
namespace Lvbs.Abi.Heki;

/// <summary>
/// Linux errno values returned negated in R8 (lvbs-abi.md §1.2 error table). Numbers are the
/// x86 Linux values from include/uapi/asm-generic/errno-base.h and errno.h. ENOTSUP is the
/// userspace alias of EOPNOTSUPP (95), as LiteBox's Rust errno uses it.
/// </summary>
public enum LinuxErrno : long
{
    /// <summary>Operation not permitted (call after end-of-boot).</summary>
    EPERM = 1,
    /// <summary>No such entry (no certs, symbol table, precomputed patch).</summary>
    ENOENT = 2,
    /// <summary>I/O error (hypercall or AP init failure).</summary>
    EIO = 5,
    /// <summary>Exec format error (malformed module ELF, bad relocation, as Linux's module loader returns).</summary>
    ENOEXEC = 8,
    /// <summary>Out of memory.</summary>
    ENOMEM = 12,
    /// <summary>Permission denied (suspicious patch, bad certs).</summary>
    EACCES = 13,
    /// <summary>Bad address (unaligned, copy failure).</summary>
    EFAULT = 14,
    /// <summary>Busy.</summary>
    EBUSY = 16,
    /// <summary>Invalid argument (format, token, frame overlap).</summary>
    EINVAL = 22,
    /// <summary>Result out of range (size limits, overflow).</summary>
    ERANGE = 34,
    /// <summary>No data.</summary>
    ENODATA = 61,
    /// <summary>Package not installed (unsupported signature algorithm).</summary>
    ENOPKG = 65,
    /// <summary>Not a data message (malformed signature/certificate encoding; mod_check_sig, ASN.1 decoder).</summary>
    EBADMSG = 74,
    /// <summary>Corrupted library / bad signature format.</summary>
    ELIBBAD = 80,
    /// <summary>Operation not supported.</summary>
    ENOTSUP = 95,
    /// <summary>Required key not available.</summary>
    ENOKEY = 126,
    /// <summary>Key rejected by service.</summary>
    EKEYREJECTED = 129,
}
