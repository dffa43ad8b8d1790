using System;

namespace Lvbs.Kernel.Heki.Kdata;

/// <summary>
/// Where LOAD_KDATA's certificate streams go (the trusted keyring). Two phases keep the call
/// all-or-nothing: <see cref="Stage"/> parses everything into a private keyring and may fail;
/// <see cref="Commit"/> publishes it and cannot fail.
/// </summary>
public interface IKdataKeySink
{
    /// <summary>Parses the three streams (any may be empty); 0 or a positive LinuxErrno. Publishes nothing.</summary>
    int Stage(ReadOnlySpan<byte> systemCerts, ReadOnlySpan<byte> revocationCerts, ReadOnlySpan<byte> blocklistHashes);

    /// <summary>Publishes what the last successful <see cref="Stage"/> parsed.</summary>
    void Commit();
}
