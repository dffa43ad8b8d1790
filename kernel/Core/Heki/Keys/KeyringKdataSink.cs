using System;
using Lvbs.Kernel.Heki.Kdata;
using Lvbs.Kernel.Keys;

namespace Lvbs.Kernel.Heki.Keys;

/// <summary>
/// Hands LOAD_KDATA's certificate streams to a <see cref="TrustedKeyring"/>, all-or-nothing:
/// <see cref="Stage"/> fills a fresh keyring with the system certificates, the revocation
/// certificates and the blacklist (each Add is itself all-or-nothing); <see cref="Commit"/>
/// makes it the <see cref="Current"/> keyring. Module signatures and COPY_SECONDARY_KEY use
/// <see cref="Current"/>.
/// </summary>
public sealed class KeyringKdataSink : IKdataKeySink
{
    private readonly int _maxKeys;
    private TrustedKeyring? _staged;

    /// <summary>Creates the sink; the keyrings it builds hold at most <paramref name="maxKeys"/> trusted keys.</summary>
    public KeyringKdataSink(int maxKeys)
    {
        _maxKeys = maxKeys;
        Current = new TrustedKeyring(maxKeys);
    }

    /// <summary>The keyring in force (empty until LOAD_KDATA).</summary>
    public TrustedKeyring Current { get; private set; }

    /// <inheritdoc />
    public int Stage(ReadOnlySpan<byte> systemCerts, ReadOnlySpan<byte> revocationCerts, ReadOnlySpan<byte> blocklistHashes)
    {
        _staged = null;
        var keys = new TrustedKeyring(_maxKeys);
        int s = systemCerts.IsEmpty ? 0 : keys.AddSystemCertificates(systemCerts);
        if (s == 0 && !revocationCerts.IsEmpty)
        {
            s = keys.AddRevocationCertificates(revocationCerts);
        }

        if (s == 0 && !blocklistHashes.IsEmpty)
        {
            s = keys.AddBlacklistHashes(blocklistHashes);
        }

        if (s == 0)
        {
            _staged = keys;
        }

        return s;
    }

    /// <inheritdoc />
    public void Commit()
    {
        if (_staged is not null)
        {
            Current = _staged;
            _staged = null;
        }
    }
}
