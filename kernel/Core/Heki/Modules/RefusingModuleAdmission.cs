using System;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Modules;

namespace Lvbs.Kernel.Heki.Modules;

/// <summary>
/// The admission used when no verifier is configured: every module is refused with ENOPKG
/// ("package not installed"), never accepted unchecked.
/// </summary>
public sealed class RefusingModuleAdmission : IModuleAdmission
{
    /// <inheritdoc />
    public int VerifySignature(ReadOnlySpan<byte> signedModule, out int bodyLength)
    {
        bodyLength = 0;
        return (int)LinuxErrno.ENOPKG;
    }

    /// <inheritdoc />
    public int ValidateContent(ReadOnlySpan<byte> elfBody, LoadedModule loaded, IModuleSymbolResolver symbols, out AdmittedModule? admitted)
    {
        admitted = null;
        return (int)LinuxErrno.ENOPKG;
    }
}
