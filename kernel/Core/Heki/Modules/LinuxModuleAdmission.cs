using System;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Heki.Keys;
using Lvbs.Kernel.Modules;
using Lvbs.Kernel.Modules.Content;
using Lvbs.Kernel.Modules.Signature;

namespace Lvbs.Kernel.Heki.Modules;

/// <summary>
/// The real admission: the signature is verified exactly as Linux 6.1's mod_verify_sig does
/// (<see cref="ModuleSignatureVerifier"/>, against the keyring LOAD_KDATA built); the content is
/// validated by re-laying-out and re-relocating the signed ELF (<see cref="ModuleContentValidator"/>)
/// with a fresh set of rewrite-site rules per module. An unsigned module (ENODATA) is refused:
/// VTL1 enforces signatures.
/// </summary>
public sealed class LinuxModuleAdmission : IModuleAdmission
{
    private readonly KeyringKdataSink _keys;
    private readonly Func<IRewriteSiteRules> _rules;

    /// <summary>Creates the admission over <paramref name="keys"/>; <paramref name="rules"/> makes the rewrite rules for one module.</summary>
    public LinuxModuleAdmission(KeyringKdataSink keys, Func<IRewriteSiteRules> rules)
    {
        _keys = keys;
        _rules = rules;
    }

    /// <inheritdoc />
    public int VerifySignature(ReadOnlySpan<byte> signedModule, out int bodyLength)
    {
        return ModuleSignatureVerifier.Verify(signedModule, _keys.Current, out bodyLength);
    }

    /// <inheritdoc />
    public int ValidateContent(ReadOnlySpan<byte> elfBody, LoadedModule loaded, IModuleSymbolResolver symbols, out AdmittedModule? admitted)
    {
        admitted = null;
        int s = ModuleContentValidator.Validate(elfBody, loaded, symbols, _rules(), out ValidatedModule? module);
        if (s != 0)
        {
            return s;
        }

        if (module is null)
        {
            return (int)LinuxErrno.EINVAL;
        }

        admitted = new AdmittedModule(new ValidatedModuleExports(module), module);
        return 0;
    }
}
