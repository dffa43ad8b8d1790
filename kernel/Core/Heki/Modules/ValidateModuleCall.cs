using System;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Kernel.Heki.Kdata;
using Lvbs.Kernel.Heki.LogRing;
using Lvbs.Kernel.Modules;

namespace Lvbs.Kernel.Heki.Modules;

/// <summary>
/// VALIDATE_MODULE (0x1FFE6; a1 = PA of the first heki page, a2 = total ranges, a3 = flags,
/// unused; returns a token ≥ 0; lvbs-abi.md §1.2, §1.4, §2.1). A transaction in the manner of
/// LiteBox PR #1011, in this order, every failure leaving no frame reserved:
/// 1. read the chain (module vocabulary; ElfBuffer/Patch byte-granular, regions page aligned);
/// 2. bucket: ElfBuffer 1..64 MiB (EINVAL when absent, ERANGE above), Patch ≤ 1 MiB, regions
///    ≤ 64 MiB together, each bucket virtually contiguous in chain order, a Text region (EINVAL);
/// 3. reserve every region frame in <see cref="ProtectedFrames"/>: not owned by another module
///    or service, not sealed by PROTECT_MEMORY, not named twice (EINVAL); the secure kernel's
///    own memory was refused by the chain reader;
/// 4. copy the .ko once and verify its signature (the admission's errno) — before any
///    permission changes, so a badly signed module changes nothing;
/// 5. freeze the frames read-only (ENOTSUP when the backend cannot enforce
///    R/RX/RW, EIO on backend failure), then copy the regions once (EFAULT): VTL0 can no
///    longer change what VTL1 checks (no TOCTOU);
/// 6. validate the content against the signed ELF, resolving imports through the core kernel's
///    exports and earlier modules' exports (the admission's errno);
/// 7. set the final permissions (<see cref="ModulePermissions"/>), take a token, register the
///    exports. A failure in 5–7 releases the frames as RW without execute: the backend cannot
///    restore a permission it never reported, and unvalidated code must not stay executable.
/// Each result is logged to the kernel log ring.
/// </summary>
public sealed class ValidateModuleCall : IVsmCallHandler
{
    private readonly ISecurePlatform _platform;
    private readonly HekiChainReader _reader;
    private readonly ProtectedFrames _frames;
    private readonly PageSealTable _seals;
    private readonly ModuleRegistry _registry;
    private readonly KernelLogRing _log;
    private readonly ModulePermissions _permissions = new ModulePermissions();
    private readonly ulong[] _regionVa = new ulong[LoadedModule.RegionTypeCount];
    private readonly int[] _regionSize = new int[LoadedModule.RegionTypeCount];

    /// <summary>Creates the service.</summary>
    public ValidateModuleCall(ISecurePlatform platform, HekiChainReader reader, ProtectedFrames frames, PageSealTable seals,
        ModuleRegistry registry, IModuleAdmission admission, KernelLogRing log)
    {
        _platform = platform;
        _reader = reader;
        _frames = frames;
        _seals = seals;
        _registry = registry;
        Admission = admission;
        _log = log;
    }

    /// <summary>The signature and content checks (replaceable until the first call).</summary>
    public IModuleAdmission Admission { get; set; }

    /// <summary>
    /// Locked core-kernel memory (pv_ops slots, <c>__SCT__</c> trampolines) for the module rewrite
    /// rules an admission builds (<c>new LinuxRewriteSiteRules(LockedKernelMemory)</c>); set by the
    /// dispatcher, answers only after the end of boot; null when none.
    /// </summary>
    public Lvbs.Kernel.Modules.Content.Rewrites.ILockedKernelMemory? LockedKernelMemory { get; set; }

    /// <summary>Modules refused so far.</summary>
    public ulong Refused { get; private set; }

    /// <inheritdoc />
    public long Handle(in VtlCall call)
    {
        long r = Validate(call.Arg1, call.Arg2);
        Span<byte> line = stackalloc byte[LogRingRecord.MaxText];
        var text = new LogText(line);
        if (r >= 0)
        {
            text.Add("module admitted token=");
            text.Add(r);
            text.Add(" text=");
            text.AddHex(_regionVa[(int)ModMemType.Text]);
            _log.Write(LogLevel.Notice, text.Text);
        }
        else
        {
            Refused++;
            text.Add("module refused errno=");
            text.Add(-r);
            text.Add(" text=");
            text.AddHex(_regionVa[(int)ModMemType.Text]);
            _log.Write(LogLevel.Warning, text.Text);
        }

        return r;
    }

    private long Validate(ulong firstPagePa, ulong total)
    {
        Array.Clear(_regionVa);
        Array.Clear(_regionSize);
        HekiChainStatus s = _reader.Read(firstPagePa, total, HekiRangeKind.ModuleMemory);
        if (s != HekiChainStatus.Ok)
        {
            return HekiErrno.Negative(HekiErrno.From(s));
        }

        ReadOnlySpan<HekiRange> ranges = _reader.Ranges;
        const ulong elfType = (ulong)ModMemType.ElfBuffer;
        const ulong patchType = (ulong)ModMemType.Patch;
        if (!RangeBytes.TryMeasure(ranges, elfType, ModuleLimits.ElfBuffer, out int elfLength)
            || !RangeBytes.TryMeasure(ranges, patchType, ModuleLimits.Patch, out int patchLength))
        {
            return HekiErrno.Negative(LinuxErrno.ERANGE);
        }

        if (elfLength == 0 || !RangeBytes.IsVaContiguous(ranges, elfType) || !RangeBytes.IsVaContiguous(ranges, patchType))
        {
            return HekiErrno.Negative(LinuxErrno.EINVAL);
        }

        ulong regionBytes = 0;
        for (int t = 0; t < LoadedModule.RegionTypeCount; t++)
        {
            if (!RangeBytes.TryMeasure(ranges, (ulong)t, ModuleLimits.Regions, out int size))
            {
                return HekiErrno.Negative(LinuxErrno.ERANGE);
            }

            regionBytes += (ulong)size;
            if (regionBytes > ModuleLimits.Regions)
            {
                return HekiErrno.Negative(LinuxErrno.ERANGE);
            }

            if (!RangeBytes.IsVaContiguous(ranges, (ulong)t))
            {
                return HekiErrno.Negative(LinuxErrno.EINVAL);
            }

            _regionSize[t] = size;
        }

        for (int i = ranges.Length - 1; i >= 0; i--)
        {
            if (ranges[i].Attributes < LoadedModule.RegionTypeCount)
            {
                _regionVa[(int)ranges[i].Attributes] = ranges[i].Va;
            }
        }

        if (_regionSize[(int)ModMemType.Text] == 0)
        {
            return HekiErrno.Negative(LinuxErrno.EINVAL);
        }

        LinuxErrno e = _permissions.Compute(_platform.Capabilities);
        if (e != 0)
        {
            return HekiErrno.Negative(e);
        }

        ushort owner = _registry.FreeOwner();
        if (owner == 0)
        {
            return HekiErrno.Negative(LinuxErrno.ENOMEM);
        }

        int pages = (int)(regionBytes >> GuestRange.PageShift);
        var pfns = new ulong[pages];
        var types = new ModMemType[pages];
        int n = 0;
        for (int i = 0; i < ranges.Length; i++)
        {
            if (ranges[i].Attributes >= LoadedModule.RegionTypeCount)
            {
                continue;
            }

            for (ulong p = ranges[i].Pa >> GuestRange.PageShift; p < ranges[i].Epa >> GuestRange.PageShift; p++)
            {
                pfns[n] = p;
                types[n] = (ModMemType)ranges[i].Attributes;
                n++;
            }
        }

        if (!TryReserve(pfns, owner))
        {
            return HekiErrno.Negative(LinuxErrno.EINVAL);
        }

        // Reserved but no permission changed yet: failures until the freeze only unreserve.
        byte[] elf = new byte[elfLength];
        if (!RangeBytes.TryCopy(_platform.Memory, ranges, elfType, elf))
        {
            Unreserve(pfns, pages, owner);
            return HekiErrno.Negative(LinuxErrno.EFAULT);
        }

        int sig = Admission.VerifySignature(elf, out int bodyLength);
        if (sig != 0 || bodyLength <= 0 || bodyLength > elf.Length)
        {
            // An admission reporting an impossible body length is a bug: refuse rather than trust it.
            Unreserve(pfns, pages, owner);
            return -(long)(sig != 0 ? sig : (int)LinuxErrno.EINVAL);
        }

        if (!ModulePermissions.Apply(_platform.Protection, pfns, types, pages, ModulePermissions.AllTypes, null, _permissions.ReadOnly))
        {
            return Release(pfns, types, owner, LinuxErrno.EIO);
        }

        var loaded = new LoadedModule();
        for (int t = 0; t < LoadedModule.RegionTypeCount; t++)
        {
            if (_regionSize[t] == 0)
            {
                continue;
            }

            byte[] bytes = new byte[_regionSize[t]];
            if (!RangeBytes.TryCopy(_platform.Memory, ranges, (ulong)t, bytes))
            {
                return Release(pfns, types, owner, LinuxErrno.EFAULT);
            }

            loaded.TrySet(new LoadedRegion((ModMemType)t, _regionVa[t], bytes));
        }

        byte[] patch = patchLength == 0 ? Array.Empty<byte>() : new byte[patchLength];
        if (patchLength != 0 && !RangeBytes.TryCopy(_platform.Memory, ranges, patchType, patch))
        {
            return Release(pfns, types, owner, LinuxErrno.EFAULT);
        }

        int content = Admission.ValidateContent(new ReadOnlySpan<byte>(elf, 0, bodyLength), loaded, _registry, out AdmittedModule? admitted);
        if (content != 0 || admitted is null)
        {
            return Release(pfns, types, owner, content != 0 ? (LinuxErrno)content : LinuxErrno.EINVAL);
        }

        if (!ModulePermissions.Apply(_platform.Protection, pfns, types, pages, ModulePermissions.AllTypes, _permissions.Final, 0))
        {
            return Release(pfns, types, owner, LinuxErrno.EIO);
        }

        var record = new ModuleRecord(_registry.TakeToken(), owner, pfns, types, admitted, patch);
        for (int t = 0; t < LoadedModule.RegionTypeCount; t++)
        {
            record.SetRegion((ModMemType)t, _regionVa[t], (ulong)_regionSize[t]);
        }

        // PATCH_TEXT registers the module's jump-label and static-call sites; a module whose
        // sites cannot be registered would be unpatchable, so it is refused as a whole.
        int observed = _registry.Observer is null ? 0 : _registry.Observer.OnAdmitted(record);
        if (observed != 0)
        {
            return Release(pfns, types, owner, (LinuxErrno)observed);
        }

        _registry.Add(record);
        return record.Token;
    }

    private bool TryReserve(ulong[] pfns, ushort owner)
    {
        for (int i = 0; i < pfns.Length; i++)
        {
            ulong p = pfns[i];
            // Owned by anyone, including this module (a frame named twice), or sealed: refused.
            if (p >= _frames.PageCount || _frames.OwnerOf(p) != ProtectedFrames.Free || _seals.IsWriteSealed(p) || _seals.IsImmutable(p))
            {
                Unreserve(pfns, i, owner);
                return false;
            }

            _frames.Set(p, owner);
        }

        return true;
    }

    private void Unreserve(ulong[] pfns, int count, ushort owner) =>
        _frames.ReleaseOwned(new ReadOnlySpan<ulong>(pfns, 0, count), owner);

    private long Release(ulong[] pfns, ModMemType[] types, ushort owner, LinuxErrno errno)
    {
        // Best effort: a backend failure here leaves the frames read-only (never executable).
        ModulePermissions.Apply(_platform.Protection, pfns, types, pfns.Length, ModulePermissions.AllTypes, null, _permissions.ReadWrite);
        Unreserve(pfns, pfns.Length, owner);
        return HekiErrno.Negative(errno);
    }
}
