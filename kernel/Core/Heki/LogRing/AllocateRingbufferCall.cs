using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Kernel.Heki.Modules;

namespace Lvbs.Kernel.Heki.LogRing;

/// <summary>
/// ALLOCATE_RINGBUFFER_MEMORY (0x1FFEC; a1 = PA, a2 = size; lvbs-abi.md §1.2, boot-only as in
/// newer LiteBox). Rules, in order: EPERM after end of boot; EBUSY when a buffer is already
/// registered; EFAULT when the PA is 0 or not page aligned; EINVAL when the size is not a page
/// multiple or holds no record slot; ERANGE above <see cref="MaxSize"/>; EFAULT when the range
/// leaves lower-VTL RAM or touches the secure kernel; EINVAL when a page already belongs to
/// another service (module, kexec) or was sealed by PROTECT_MEMORY; ENOTSUP when the backend
/// cannot enforce read-only pages. Then the pages become read-only for VTL0 (EIO on backend
/// failure, pages released) and <see cref="KernelLogRing"/> writes the header.
/// </summary>
public sealed class AllocateRingbufferCall : IVsmCallHandler
{
    /// <summary>Largest buffer accepted (8,191 records).</summary>
    public const ulong MaxSize = 1024 * 1024;

    private readonly ISecurePlatform _platform;
    private readonly VsmBootState _boot;
    private readonly ProtectedFrames _frames;
    private readonly PageSealTable _seals;
    private readonly KernelLogRing _log;
    private readonly ulong _vtl1Start;
    private readonly ulong _vtl1End;

    /// <summary>Creates the service.</summary>
    public AllocateRingbufferCall(ISecurePlatform platform, VsmBootState boot, ProtectedFrames frames, PageSealTable seals,
        KernelLogRing log, ulong vtl1Start, ulong vtl1End)
    {
        _platform = platform;
        _boot = boot;
        _frames = frames;
        _seals = seals;
        _log = log;
        _vtl1Start = vtl1Start;
        _vtl1End = vtl1End;
    }

    /// <inheritdoc />
    public long Handle(in VtlCall call) => -(long)Allocate(call.Arg1, call.Arg2);

    private LinuxErrno Allocate(ulong pa, ulong size)
    {
        if (_boot.EndOfBoot)
        {
            return LinuxErrno.EPERM;
        }

        if (_log.Attached)
        {
            return LinuxErrno.EBUSY;
        }

        if (pa == 0 || (pa & (GuestRange.PageSize - 1)) != 0)
        {
            return LinuxErrno.EFAULT;
        }

        if ((size & (GuestRange.PageSize - 1)) != 0 || size < LogRingHeader.HeaderSize + LogRingRecord.Size)
        {
            return LinuxErrno.EINVAL;
        }

        if (size > MaxSize)
        {
            return LinuxErrno.ERANGE;
        }

        ulong first = pa >> GuestRange.PageShift;
        ulong count = size >> GuestRange.PageShift;
        if (GuestRange.CheckPages(first, count, _frames.PageCount << GuestRange.PageShift, _vtl1Start, _vtl1End) != BindingStatus.Success)
        {
            return LinuxErrno.EFAULT;
        }

        for (ulong p = first; p < first + count; p++)
        {
            if (_frames.OwnerOf(p) != ProtectedFrames.Free || _seals.IsWriteSealed(p) || _seals.IsImmutable(p))
            {
                return LinuxErrno.EINVAL;
            }
        }

        LinuxErrno e = ProtectionMapping.TryMap((ulong)MemAttr.Read, _platform.Capabilities, out VtlPermissions readOnly);
        if (e != 0)
        {
            return e;
        }

        for (ulong p = first; p < first + count; p++)
        {
            _frames.Set(p, ProtectedFrames.LogRing);
        }

        if (_platform.Protection.SetLowerVtlPermissions(first, count, readOnly) != BindingStatus.Success || !_log.Attach(pa, size))
        {
            ProtectionMapping.TryMap((ulong)(MemAttr.Read | MemAttr.Write), _platform.Capabilities, out VtlPermissions rw);
            _platform.Protection.SetLowerVtlPermissions(first, count, rw);
            _frames.Release(first, count, ProtectedFrames.LogRing);
            return LinuxErrno.EIO;
        }

        return 0;
    }
}
