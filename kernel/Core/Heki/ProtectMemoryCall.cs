using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Kernel.Heki.CoreKernel;

namespace Lvbs.Kernel.Heki;

/// <summary>
/// PROTECT_MEMORY (0x1FFE4; a1 = PA of the first heki page, a2 = total ranges; lvbs-abi.md
/// §1.2, §1.3, §2.1). The chain is copied and validated by <see cref="HekiChainReader"/>
/// (EFAULT/ERANGE/EINVAL, including overlap with the secure kernel's region); then every range
/// is checked before any permission changes: the attribute maps to an enforceable permission
/// (<see cref="ProtectionMapping"/>: W with X is EINVAL, unenforceable is ENOTSUP), no page is
/// named twice (EINVAL), and no seal is broken (<see cref="PageSealTable"/>: making a
/// read-only/executable page writable, or widening an IMMUTABLE page, is EACCES). Only then
/// are the permissions applied. Refused after end of boot with EPERM.
/// A backend failure while applying (after every check passed) answers EIO; the ranges applied
/// before it stay applied and are recorded, since there is no way to read back and restore the
/// previous hardware permission.
/// </summary>
public sealed class ProtectMemoryCall : IVsmCallHandler
{
    private readonly ISecurePlatform _platform;
    private readonly HekiChainReader _reader;
    private readonly PageSealTable _seals;
    private readonly VsmBootState _boot;
    private readonly VtlPermissions[] _permissions;
    private readonly CoreKernelMap _map = new CoreKernelMap();

    /// <summary>Creates the service; <paramref name="seals"/> covers lower-VTL RAM.</summary>
    public ProtectMemoryCall(ISecurePlatform platform, HekiChainReader reader, PageSealTable seals, VsmBootState boot)
    {
        _platform = platform;
        _reader = reader;
        _seals = seals;
        _boot = boot;
        _permissions = new VtlPermissions[reader.Capacity];
    }

    /// <summary>The seals recorded so far (for inspection).</summary>
    public PageSealTable Seals => _seals;

    /// <summary>The VA → PA translation of every applied range (the core kernel's mapping; frozen at the end of boot).</summary>
    public CoreKernelMap KernelMap => _map;

    /// <inheritdoc />
    public long Handle(in VtlCall call)
    {
        if (_boot.EndOfBoot)
        {
            return HekiErrno.Negative(LinuxErrno.EPERM);
        }

        HekiChainStatus s = _reader.Read(call.Arg1, call.Arg2, HekiRangeKind.MemAttr);
        if (s != HekiChainStatus.Ok)
        {
            return HekiErrno.Negative(HekiErrno.From(s));
        }

        System.ReadOnlySpan<HekiRange> ranges = _reader.Ranges;
        BackendCapabilities caps = _platform.Capabilities;
        _seals.BeginCall();
        for (int i = 0; i < ranges.Length; i++)
        {
            LinuxErrno e = ProtectionMapping.TryMap(ranges[i].Attributes, caps, out VtlPermissions p);
            if (e != 0)
            {
                return HekiErrno.Negative(e);
            }

            ulong first = ranges[i].Pa >> GuestRange.PageShift;
            ulong end = ranges[i].Epa >> GuestRange.PageShift;
            if (end > _seals.PageCount)
            {
                // The reader bounds ranges by lower-VTL RAM, which sized the table; keep the check local anyway.
                return HekiErrno.Negative(LinuxErrno.EINVAL);
            }

            for (ulong pfn = first; pfn < end; pfn++)
            {
                if (!_seals.CheckAndStamp(pfn, p, out bool duplicate))
                {
                    return HekiErrno.Negative(duplicate ? LinuxErrno.EINVAL : LinuxErrno.EACCES);
                }
            }

            _permissions[i] = p;
        }

        for (int i = 0; i < ranges.Length; i++)
        {
            ulong first = ranges[i].Pa >> GuestRange.PageShift;
            ulong count = (ranges[i].Epa >> GuestRange.PageShift) - first;
            if (_platform.Protection.SetLowerVtlPermissions(first, count, _permissions[i]) != BindingStatus.Success)
            {
                return HekiErrno.Negative(LinuxErrno.EIO);
            }

            bool immutable = (ranges[i].Attributes & (ulong)MemAttr.Immutable) != 0;
            _map.Record(ranges[i].Va, ranges[i].Pa, ranges[i].Epa);
            for (ulong pfn = first; pfn < first + count; pfn++)
            {
                _seals.Commit(pfn, _permissions[i], immutable);
            }
        }

        return 0;
    }
}
