using System;

namespace Lvbs.Kernel.Heki.Kexec;

/// <summary>
/// The signature check KEXEC_VALIDATE runs over VTL1's copy of the kernel file VTL0 asks to
/// kexec (lvbs-abi.md §1.2: "verify bzImage Authenticode"). The default is
/// Authenticode verification over the trusted keyring; tests may give their own.
/// </summary>
public interface IKexecImageVerifier
{
    /// <summary>
    /// Verifies <paramref name="kernelImage"/> (the whole signed PE/bzImage file, VTL1's copy):
    /// 0 when trusted, otherwise a positive LinuxErrno as Linux's verify_pefile_signature would
    /// give (ENODATA unsigned, ELIBBAD malformed PE, EBADMSG malformed PKCS#7, ENOPKG unsupported
    /// algorithm, EKEYREJECTED mismatch, ENOKEY no trusted key).
    /// </summary>
    int Verify(ReadOnlySpan<byte> kernelImage);
}
