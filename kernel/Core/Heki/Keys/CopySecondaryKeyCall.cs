using System;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Kernel.Heki.Kdata;
using Lvbs.Kernel.Heki.LogRing;

namespace Lvbs.Kernel.Heki.Keys;

/// <summary>
/// COPY_SECONDARY_KEY (0x1FFE9; a1 = PA of the first heki page, a2 = total ranges;
/// lvbs-abi.md §1.2, §2.2). The chain carries one DER X.509 certificate in chain order; its
/// ranges use the kdata vocabulary (the call has no vocabulary of its own; any other attribute
/// is EINVAL) and together hold at most <see cref="MaxCertificate"/> bytes (ERANGE). The bytes are
/// copied once (EFAULT) and handed to <see cref="Lvbs.Kernel.Keys.TrustedKeyring.AddSecondaryKey"/>,
/// which accepts the key only when a key already trusted vouches for it (Gen A's
/// restrict_link_by_signature; LiteBox leaves this call a TODO returning 0). Its errno is
/// returned (ENOKEY, EKEYREJECTED, EBADMSG, ERANGE). The result is logged.
/// </summary>
public sealed class CopySecondaryKeyCall : IVsmCallHandler
{
    /// <summary>Largest certificate accepted (Linux x509 certificates in practice stay below 16 KiB).</summary>
    public const ulong MaxCertificate = 64 * 1024;

    private readonly IGuestMemory _memory;
    private readonly HekiChainReader _reader;
    private readonly KeyringKdataSink _keys;
    private readonly KernelLogRing _log;

    /// <summary>Creates the service.</summary>
    public CopySecondaryKeyCall(IGuestMemory memory, HekiChainReader reader, KeyringKdataSink keys, KernelLogRing log)
    {
        _memory = memory;
        _reader = reader;
        _keys = keys;
        _log = log;
    }

    /// <inheritdoc />
    public long Handle(in VtlCall call)
    {
        long r = -(long)Copy(call.Arg1, call.Arg2);
        Span<byte> line = stackalloc byte[64];
        var text = new LogText(line);
        text.Add(r == 0 ? "secondary key added" : "secondary key refused errno=");
        if (r != 0)
        {
            text.Add(-r);
        }

        _log.Write(r == 0 ? LogLevel.Notice : LogLevel.Warning, text.Text);
        return r;
    }

    private LinuxErrno Copy(ulong firstPagePa, ulong total)
    {
        HekiChainStatus s = _reader.Read(firstPagePa, total, HekiRangeKind.Kdata);
        if (s != HekiChainStatus.Ok)
        {
            return HekiErrno.From(s);
        }

        ReadOnlySpan<HekiRange> ranges = _reader.Ranges;
        ulong attribute = ranges[0].Attributes;
        for (int i = 1; i < ranges.Length; i++)
        {
            if (ranges[i].Attributes != attribute)
            {
                return LinuxErrno.EINVAL;
            }
        }

        if (!RangeBytes.TryMeasure(ranges, attribute, MaxCertificate, out int length))
        {
            return LinuxErrno.ERANGE;
        }

        byte[] der = new byte[length];
        if (!RangeBytes.TryCopy(_memory, ranges, attribute, der))
        {
            return LinuxErrno.EFAULT;
        }

        return (LinuxErrno)_keys.Current.AddSecondaryKey(der);
    }
}
