using System;
using System.Collections.Generic;
using Lvbs.Abi.Heki;

namespace Lvbs.Hypervisor.Simulated.Vtl0;

/// <summary>heki_load_kdata and the other data-carrying calls (virt/heki/module.c, lvbs-abi.md §1.4).</summary>
public sealed partial class HekiVtl0Driver
{
    /// <summary>Splits [<paramref name="pa"/>, +<paramref name="length"/>) into per-page ranges whose VAs start at <paramref name="va"/>.</summary>
    public static HekiRange[] RangesAt(ulong va, ulong pa, ulong length, ulong attributes)
    {
        HekiRange[] r = RangesFor(pa, length, attributes);
        for (int i = 0; i < r.Length; i++)
        {
            r[i].Va = va + (r[i].Pa - pa);
        }

        return r;
    }

    /// <summary>
    /// Copies <paramref name="bytes"/> into freshly allocated scratch pages with VTL0 writes and
    /// returns their PA; 0 when the scratch area is exhausted or the write faults.
    /// </summary>
    public ulong Place(ReadOnlySpan<byte> bytes)
    {
        int pages = Math.Max(1, (bytes.Length + 0xFFF) / 0x1000);
        ulong pa = Allocate(pages);
        if (pa == 0 || (bytes.Length != 0 && _machine.Vtl0(0).Write(pa, bytes) != Vtl0Outcome.Completed))
        {
            return 0;
        }

        return pa;
    }

    /// <summary>
    /// heki_load_kdata: the system certificate list, optional revocation list and blacklist,
    /// the kernel's <c>heki_kinfo</c> and all of its .rodata (KernelData, VA = the kernel's
    /// .rodata VA), each placed in VTL0 memory and described page by page.
    /// </summary>
    public long LoadKdata(SimulatedKernelImage kernel, ReadOnlySpan<byte> systemCerts, ReadOnlySpan<byte> revocationCerts = default,
        ReadOnlySpan<byte> blocklist = default)
    {
        var ranges = new List<HekiRange>();
        if (!AddData(ranges, systemCerts, HekiKdataType.SystemCerts)
            || !AddData(ranges, revocationCerts, HekiKdataType.RevocationCerts)
            || !AddData(ranges, blocklist, HekiKdataType.BlocklistHashes)
            || !AddData(ranges, kernel.KernelInfoBytes(), HekiKdataType.KernelInfo))
        {
            return -(long)LinuxErrno.ENOMEM;
        }

        ulong rodataPa = Place(kernel.Rodata);
        if (rodataPa == 0)
        {
            return -(long)LinuxErrno.ENOMEM;
        }

        ranges.AddRange(RangesAt(SimulatedKernelImage.RodataVa, rodataPa, (ulong)kernel.Rodata.Length, (ulong)HekiKdataType.KernelData));
        return LoadKdata(ranges.ToArray());
    }

    /// <summary>COPY_SECONDARY_KEY with one DER certificate.</summary>
    public long CopySecondaryKey(ReadOnlySpan<byte> certificateDer)
    {
        ulong pa = Place(certificateDer);
        if (pa == 0)
        {
            return -(long)LinuxErrno.ENOMEM;
        }

        return ListCall(VtlCallFunction.CopySecondaryKey, RangesFor(pa, (ulong)certificateDer.Length, (ulong)HekiKdataType.SystemCerts), 0);
    }

    /// <summary>ALLOCATE_RINGBUFFER_MEMORY over <paramref name="pages"/> fresh scratch pages; returns the result and the buffer PA.</summary>
    public long AllocateRingbuffer(int pages, out ulong pa)
    {
        pa = Allocate(pages);
        if (pa == 0)
        {
            return -(long)LinuxErrno.ENOMEM;
        }

        return Call(0, VtlCallFunction.AllocateRingbufferMemory, pa, (ulong)pages * HekiPage.Size);
    }

    /// <summary>SET_PLATFORM_ROOT_KEY with <paramref name="key"/> (32 bytes) placed in scratch memory.</summary>
    public long SetPlatformRootKey(ReadOnlySpan<byte> key)
    {
        ulong pa = Place(key);
        return pa == 0 ? -(long)LinuxErrno.ENOMEM : Call(0, VtlCallFunction.SetPlatformRootKey, pa);
    }

    private bool AddData(List<HekiRange> ranges, ReadOnlySpan<byte> bytes, HekiKdataType type)
    {
        if (bytes.IsEmpty)
        {
            return true;
        }

        ulong pa = Place(bytes);
        if (pa == 0)
        {
            return false;
        }

        ranges.AddRange(RangesFor(pa, (ulong)bytes.Length, (ulong)type));
        return true;
    }
}
