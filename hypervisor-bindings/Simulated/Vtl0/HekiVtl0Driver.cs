using System;
using System.Collections.Generic;
using Lvbs.Abi.Heki;

namespace Lvbs.Hypervisor.Simulated.Vtl0;

/// <summary>
/// What the LVBS/HEKI Linux patches do in VTL0, over a <see cref="SimulatedMachine"/>: build
/// heki page chains in guest memory (virt/heki: heki_walk + heki_get_ranges, one range per
/// physical page fragment, 127 ranges per page) and issue VTL calls with RDI = function id.
/// The pages are written with checked VTL0 accesses, so a driver whose scratch area VTL1 has
/// made read-only fails exactly as the real kernel would.
/// </summary>
public sealed partial class HekiVtl0Driver
{
    /// <summary>Linux x86-64 direct-map base, used to give ranges a plausible VTL0 VA.</summary>
    public const ulong DirectMapBase = 0xFFFF_8880_0000_0000;

    private readonly SimulatedMachine _machine;
    private readonly ulong _scratchEnd;
    private ulong _next;

    /// <summary>Creates a driver whose heki pages come from [<paramref name="scratchBase"/>, +<paramref name="scratchSize"/>).</summary>
    public HekiVtl0Driver(SimulatedMachine machine, ulong scratchBase, ulong scratchSize)
    {
        if ((scratchBase & 0xFFF) != 0 || (scratchSize & 0xFFF) != 0)
        {
            throw new ArgumentException("scratch area must be page aligned");
        }

        _machine = machine;
        _next = scratchBase;
        _scratchEnd = scratchBase + scratchSize;
    }

    /// <summary>Splits a physically contiguous object into per-page ranges, as heki_walk does.</summary>
    public static HekiRange[] RangesFor(ulong pa, ulong length, ulong attributes)
    {
        var list = new List<HekiRange>();
        ulong end = pa + length;
        for (ulong cur = pa; cur < end;)
        {
            ulong pageEnd = (cur & ~0xFFFUL) + 0x1000;
            ulong stop = Math.Min(pageEnd, end);
            list.Add(new HekiRange { Va = DirectMapBase + cur, Pa = cur, Epa = stop, Attributes = attributes });
            cur = stop;
        }

        return list.ToArray();
    }

    /// <summary>
    /// Writes <paramref name="ranges"/> as a heki page chain into VTL0 memory and returns the
    /// PA of the first page; 0 if the scratch area is exhausted or VTL0 may not write it.
    /// </summary>
    public ulong BuildPageList(ReadOnlySpan<HekiRange> ranges)
    {
        int pages = Math.Max(1, (ranges.Length + HekiPage.MaxRanges - 1) / HekiPage.MaxRanges);
        ulong first = Allocate(pages);
        if (first == 0)
        {
            return 0;
        }

        byte[] page = new byte[HekiPage.Size];
        for (int p = 0; p < pages; p++)
        {
            Array.Clear(page);
            ulong pa = first + ((ulong)p * HekiPage.Size);
            int start = p * HekiPage.MaxRanges;
            int count = Math.Min(HekiPage.MaxRanges, ranges.Length - start);
            bool last = p == pages - 1;
            HekiPageHeader h = default;
            h.NextPa = last ? 0 : pa + HekiPage.Size;
            h.Next = last ? 0 : DirectMapBase + h.NextPa;
            h.RangeCount = (ulong)count;
            HekiPage.WriteHeader(page, in h);
            for (int i = 0; i < count; i++)
            {
                HekiPage.SetRange(page, i, in ranges[start + i]);
            }

            if (_machine.Vtl0(0).Write(pa, page) != Vtl0Outcome.Completed)
            {
                return 0;
            }
        }

        return first;
    }

    /// <summary>PROTECT_MEMORY over <paramref name="ranges"/> (attributes = MemAttr bits).</summary>
    public long ProtectMemory(ReadOnlySpan<HekiRange> ranges) => ListCall(VtlCallFunction.ProtectMemory, ranges, 0);

    /// <summary>LOAD_KDATA (attributes = HekiKdataType).</summary>
    public long LoadKdata(ReadOnlySpan<HekiRange> ranges) => ListCall(VtlCallFunction.LoadKdata, ranges, 0);

    /// <summary>VALIDATE_MODULE (attributes = ModMemType); returns the token or -errno.</summary>
    public long ValidateModule(ReadOnlySpan<HekiRange> ranges, ulong flags = 0) => ListCall(VtlCallFunction.ValidateModule, ranges, flags);

    /// <summary>FREE_MODULE_INIT.</summary>
    public long FreeModuleInit(long token) => Call(0, VtlCallFunction.FreeModuleInit, unchecked((ulong)token));

    /// <summary>UNLOAD_MODULE.</summary>
    public long UnloadModule(long token) => Call(0, VtlCallFunction.UnloadModule, unchecked((ulong)token));

    /// <summary>LOCK_REGS on every VP whose VTL1 is up, as hv_vsm_lock_crs migrates to each CPU; returns the first failure or 0.</summary>
    public long LockRegs()
    {
        for (int vp = 0; vp < _machine.VpCount; vp++)
        {
            if (!_machine.Vcpu(vp).Vtl1Enabled)
            {
                continue;
            }

            long r = Call(vp, VtlCallFunction.LockRegs, 0);
            if (r != 0)
            {
                return r;
            }
        }

        return 0;
    }

    /// <summary>SIGNAL_END_OF_BOOT.</summary>
    public long SignalEndOfBoot() => Call(0, VtlCallFunction.SignalEndOfBoot, 0);

    /// <summary>BOOT_APS: a1 = online-mask PFN, a2 = boot-signal page PFN.</summary>
    public long BootAps(ulong onlineMaskPfn, ulong bootSignalPfn) => Call(0, VtlCallFunction.BootAps, onlineMaskPfn, bootSignalPfn);

    /// <summary>Any VTL call from VP <paramref name="vp"/>.</summary>
    public long Call(int vp, VtlCallFunction function, ulong a1, ulong a2 = 0, ulong a3 = 0)
    {
        return _machine.Vtl0(vp).VtlCall((ulong)function, a1, a2, a3);
    }

    /// <summary>Allocates <paramref name="pages"/> contiguous scratch pages; 0 when exhausted.</summary>
    public ulong Allocate(int pages)
    {
        ulong size = (ulong)pages * HekiPage.Size;
        if (_next + size > _scratchEnd)
        {
            return 0;
        }

        ulong pa = _next;
        _next += size;
        return pa;
    }

    private long ListCall(VtlCallFunction function, ReadOnlySpan<HekiRange> ranges, ulong a3)
    {
        ulong pa = BuildPageList(ranges);
        if (pa == 0)
        {
            return -(long)LinuxErrno.ENOMEM;
        }

        return Call(0, function, pa, (ulong)ranges.Length, a3);
    }
}
