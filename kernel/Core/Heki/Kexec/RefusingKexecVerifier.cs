using System;
using Lvbs.Abi.Heki;

namespace Lvbs.Kernel.Heki.Kexec;

/// <summary>
/// The verifier used when the boot code gives none: every kernel file is refused with ENOPKG
/// (no way to verify it), so KEXEC_VALIDATE never accepts an unchecked image.
/// </summary>
public sealed class RefusingKexecVerifier : IKexecImageVerifier
{
    /// <inheritdoc />
    public int Verify(ReadOnlySpan<byte> kernelImage) => (int)LinuxErrno.ENOPKG;
}
