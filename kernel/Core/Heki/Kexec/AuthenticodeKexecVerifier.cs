using System;
using Lvbs.Kernel.Heki.Keys;
using Lvbs.Kernel.Kexec.Authenticode;

namespace Lvbs.Kernel.Heki.Kexec;

/// <summary>
/// KEXEC_VALIDATE's default verifier: the kernel file's Authenticode signature checked by
/// <see cref="AuthenticodeVerifier"/> against the keyring LOAD_KDATA and COPY_SECONDARY_KEY
/// built (the keys kexec_file_load would trust: system, secondary and platform certificates as
/// VTL0 delivered them before end of boot), read at each call so later secondary keys count.
/// </summary>
public sealed class AuthenticodeKexecVerifier : IKexecImageVerifier
{
    private readonly KeyringKdataSink _keys;

    /// <summary>Creates the verifier over <paramref name="keys"/>.</summary>
    public AuthenticodeKexecVerifier(KeyringKdataSink keys)
    {
        _keys = keys;
    }

    /// <inheritdoc />
    public int Verify(ReadOnlySpan<byte> kernelImage) => AuthenticodeVerifier.Verify(kernelImage, _keys.Current);
}
