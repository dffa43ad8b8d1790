using System;
using Lvbs.Kernel.Modules;

namespace Lvbs.Kernel.Heki.Modules;

/// <summary>
/// The decision part of VALIDATE_MODULE, run on VTL1-private copies: signature (H1's
/// ModuleSignatureVerifier against the trusted keyring) and content (H2's
/// ModuleContentValidator with the rewrite-site rules). Two phases because the signature
/// needs only VTL1's copy of the .ko and is checked before any frame changes, while content
/// validation needs the module's regions copied after their frames were frozen.
/// </summary>
public interface IModuleAdmission
{
    /// <summary>
    /// Verifies the signature of <paramref name="signedModule"/> (the whole .ko with its
    /// trailer). Returns 0 or a positive LinuxErrno; on success <paramref name="bodyLength"/> is
    /// the length of the signed ELF body.
    /// </summary>
    int VerifySignature(ReadOnlySpan<byte> signedModule, out int bodyLength);

    /// <summary>
    /// Checks <paramref name="loaded"/> against the signed ELF <paramref name="elfBody"/>,
    /// resolving imports through <paramref name="symbols"/>. Returns 0 or a positive LinuxErrno;
    /// on success <paramref name="admitted"/> carries the module's exports and sections.
    /// </summary>
    int ValidateContent(ReadOnlySpan<byte> elfBody, LoadedModule loaded, IModuleSymbolResolver symbols, out AdmittedModule? admitted);
}
