using System;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Kernel.Heki.Kdata;
using Lvbs.Kernel.Heki.LogRing;
using Lvbs.Kernel.Heki.Modules;

namespace Lvbs.Kernel.Heki.Kexec;

/// <summary>
/// KEXEC_VALIDATE (0x1FFEA; a1 = PA of the first heki page, 0 = invalidate only; a2 = total
/// ranges; a3 = 0 normal image, 1 crash image; allowed after end of boot; lvbs-abi.md §1.2,
/// §1.3). What VTL0 sends (virt/heki/kexec.c of the LVBS patches): KexecImage = the bytes of
/// <c>struct kimage</c>, in its own page; KexecKernelBlob = a vmalloc'd copy of the kernel file
/// given to kexec_file_load (VTL0 frees it right after the call, so it is copied, never
/// protected); KexecPages = whole pages: for a normal image the entry (indirection) pages and
/// source pages, for a crash image the segments' destination memory, plus the control pages.
/// A transaction like VALIDATE_MODULE's, every failure changing nothing:
/// 1. read the chain (kexec vocabulary; an unknown type is EINVAL); KexecImage 584 B..8 KiB and
///    the blob 1 B..128 MiB, each virtually contiguous (EINVAL, ERANGE above); KexecPages page
///    aligned (EINVAL), at least one;
/// 2. reserve the kimage pages and the KexecPages frames in <see cref="ProtectedFrames"/>: free, or
///    held by this slot's current image (that image stays valid until the new one is accepted);
///    never another owner's (a module, the log ring, the other slot), never sealed by
///    PROTECT_MEMORY, never named twice (EINVAL); the secure kernel's own memory was refused by the
///    chain reader;
/// 3. copy the blob once, verify it through <see cref="IKexecImageVerifier"/> (its errno) and parse
///    its boot header as bzImage64_probe does (ENOEXEC) — before any permission changes;
/// 4. freeze the frames read-only for VTL0 (ENOTSUP when the backend cannot, EIO on failure), then
///    copy the kimage prefix once from the frozen page and parse it (EINVAL: 0 or more than 16
///    segments, unaligned, wrapping, bufsz &gt; memsz, overlapping segments);
/// 5. locate every segment's content: crash images hold it at the destination, which must be
///    protected frames of this image; normal images through the entry list
///    (<see cref="KexecEntryList"/>), whose pages and sources must be protected frames (EINVAL);
/// 6. require the kernel segment bzImage64_load makes — bufsz = file length − kern16_size, memsz =
///    PAGE_ALIGN(init_size), destination aligned to kernel_alignment — and its pages to equal the
///    verified file's protected-mode payload followed by zeros (EACCES otherwise): the kernel VTL0
///    will boot is the one whose signature VTL1 checked, and it cannot change afterwards;
/// 7. accept: the frames stay read-only; only now the slot's previous image's frames that the new
///    image does not reuse are released (RW, never executable).
/// A failure after step 2 releases this image's new frames as RW without execute and gives reused
/// frames back to the previous image untouched. a1 = 0 releases the slot's frames (RW) and
/// answers 0. What VTL1 cannot check: the purgatory, boot-params/command-line, ELF core header
/// and initrd segments are built by VTL0 (purgatory is relocated by VTL0, boot params embed its
/// memory map), so they are only frozen, not compared; <c>kimage.start</c> points into purgatory.
/// Frames stay read-only and non-executable: the kexec jump itself (relocate_kernel writes the
/// control page, swaps source pages and executes) needs a VTL1 hook not defined by the ABI yet.
/// Each result is logged to the kernel log ring.
/// </summary>
public sealed class KexecValidateCall : IVsmCallHandler
{
    private const ulong ImageType = (ulong)HekiKexecType.KexecImage;
    private const ulong BlobType = (ulong)HekiKexecType.KexecKernelBlob;
    private const ulong PagesType = (ulong)HekiKexecType.KexecPages;

    private readonly ISecurePlatform _platform;
    private readonly HekiChainReader _reader;
    private readonly ProtectedFrames _frames;
    private readonly PageSealTable _seals;
    private readonly KernelLogRing _log;
    private readonly KexecEntryList _entries;
    private readonly byte[] _image = new byte[KexecLimits.ImageBytes];
    private readonly byte[] _page = new byte[4096];
    private readonly KexecSegment[] _segments = new KexecSegment[KexecImagePrefix.MaxSegments];
    private readonly int[] _firstPage = new int[KexecImagePrefix.MaxSegments];
    private VtlPermissions _readOnly;
    private VtlPermissions _readWrite;

    /// <summary>Creates the service; <paramref name="verifier"/> checks each kernel file's signature.</summary>
    public KexecValidateCall(ISecurePlatform platform, HekiChainReader reader, ProtectedFrames frames, PageSealTable seals,
        IKexecImageVerifier verifier, KernelLogRing log)
    {
        _platform = platform;
        _reader = reader;
        _frames = frames;
        _seals = seals;
        _log = log;
        Verifier = verifier;
        _entries = new KexecEntryList(platform.Memory);
        Normal = new KexecSlot(false, ProtectedFrames.KexecNormal, ProtectedFrames.KexecNormalAlternate);
        Crash = new KexecSlot(true, ProtectedFrames.KexecCrash, ProtectedFrames.KexecCrashAlternate);
    }

    /// <summary>The signature check (replaceable, e.g. by tests).</summary>
    public IKexecImageVerifier Verifier { get; set; }

    /// <summary>The normal image (a3 = 0).</summary>
    public KexecSlot Normal { get; }

    /// <summary>The crash image (a3 = 1).</summary>
    public KexecSlot Crash { get; }

    /// <summary>Requests refused so far.</summary>
    public ulong Refused { get; private set; }

    /// <inheritdoc />
    public long Handle(in VtlCall call)
    {
        long r;
        KexecSlot? slot = call.Arg3 == 0 ? Normal : call.Arg3 == 1 ? Crash : null;
        if (slot is null)
        {
            // Linux passes a bool; any other value is not a slot.
            r = HekiErrno.Negative(LinuxErrno.EINVAL);
        }
        else if (call.Arg1 == 0)
        {
            r = Invalidate(slot);
        }
        else
        {
            r = Validate(slot, call.Arg1, call.Arg2);
        }

        Span<byte> line = stackalloc byte[LogRingRecord.MaxText];
        var text = new LogText(line);
        text.Add(r == 0 ? (call.Arg1 == 0 ? "kexec invalidated crash=" : "kexec validated crash=") : "kexec refused crash=");
        text.Add((long)call.Arg3);
        if (r != 0)
        {
            Refused++;
            text.Add(" errno=");
            text.Add(-r);
        }

        _log.Write(r == 0 ? LogLevel.Notice : LogLevel.Warning, text.Text);
        return r;
    }

    private long Invalidate(KexecSlot slot)
    {
        if (!slot.Loaded)
        {
            return 0;
        }

        LinuxErrno e = ComputePermissions();
        if (e != 0)
        {
            return HekiErrno.Negative(e);
        }

        ReadOnlySpan<ulong> old = slot.Frames;
        if (!ApplyOwned(old, slot.CurrentOwner, _readWrite))
        {
            // Nothing forgotten: VTL0 may retry; frames already released are merely writable again.
            return HekiErrno.Negative(LinuxErrno.EIO);
        }

        _frames.ReleaseOwned(old, slot.CurrentOwner);
        slot.Clear();
        return 0;
    }

    private long Validate(KexecSlot slot, ulong firstPagePa, ulong total)
    {
        HekiChainStatus s = _reader.Read(firstPagePa, total, HekiRangeKind.Kexec);
        if (s != HekiChainStatus.Ok)
        {
            return HekiErrno.Negative(HekiErrno.From(s));
        }

        ReadOnlySpan<HekiRange> ranges = _reader.Ranges;
        if (!RangeBytes.TryMeasure(ranges, ImageType, KexecLimits.ImageBytes, out int imageLength)
            || !RangeBytes.TryMeasure(ranges, BlobType, KexecLimits.KernelBlob, out int blobLength))
        {
            return HekiErrno.Negative(LinuxErrno.ERANGE);
        }

        if (imageLength < KexecImagePrefix.Size || blobLength == 0
            || !RangeBytes.IsVaContiguous(ranges, ImageType) || !RangeBytes.IsVaContiguous(ranges, BlobType))
        {
            return HekiErrno.Negative(LinuxErrno.EINVAL);
        }

        ulong frameCount = 0;
        bool anyPages = false;
        for (int i = 0; i < ranges.Length; i++)
        {
            if (ranges[i].Attributes == PagesType)
            {
                if (((ranges[i].Pa | ranges[i].Epa) & 0xFFF) != 0)
                {
                    return HekiErrno.Negative(LinuxErrno.EINVAL);
                }

                frameCount += (ranges[i].Epa - ranges[i].Pa) >> 12;
                anyPages = true;
            }
            else if (ranges[i].Attributes == ImageType)
            {
                // The kimage's pages, rounded out: the whole page is protected (it is its own page).
                frameCount += ((ranges[i].Epa + 0xFFF) >> 12) - (ranges[i].Pa >> 12);
            }

            if (frameCount > KexecLimits.Frames)
            {
                return HekiErrno.Negative(LinuxErrno.ERANGE);
            }
        }

        if (!anyPages)
        {
            // Every image has at least its control pages.
            return HekiErrno.Negative(LinuxErrno.EINVAL);
        }

        LinuxErrno e = ComputePermissions();
        if (e != 0)
        {
            return HekiErrno.Negative(e);
        }

        var pfns = new ulong[frameCount];
        int n = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            // kimage pages first, then KexecPages, so Frames lists the kimage first.
            ulong type = pass == 0 ? ImageType : PagesType;
            for (int i = 0; i < ranges.Length; i++)
            {
                if (ranges[i].Attributes != type)
                {
                    continue;
                }

                for (ulong p = ranges[i].Pa >> 12; p < (ranges[i].Epa + 0xFFF) >> 12; p++)
                {
                    pfns[n++] = p;
                }
            }
        }

        var reused = new bool[pfns.Length];
        ushort owner = slot.NextOwner;
        int reserved = Reserve(pfns, reused, slot);
        if (reserved != pfns.Length)
        {
            Rollback(pfns, reused, reserved, slot, false);
            return HekiErrno.Negative(LinuxErrno.EINVAL);
        }

        // Reserved, nothing changed yet: a refusal until the freeze only gives the frames back.
        byte[] blob = new byte[blobLength];
        if (!RangeBytes.TryCopy(_platform.Memory, ranges, BlobType, blob))
        {
            return Rollback(pfns, reused, reserved, slot, false, LinuxErrno.EFAULT);
        }

        int verified = Verifier.Verify(blob);
        if (verified != 0)
        {
            // A verifier must answer a positive errno; anything else is refused as a rejected key.
            return Rollback(pfns, reused, reserved, slot, false, verified > 0 ? (LinuxErrno)verified : LinuxErrno.EKEYREJECTED);
        }

        int parsed = BzImageHeader.TryParse(blob, out BzImageHeader header);
        if (parsed != 0)
        {
            return Rollback(pfns, reused, reserved, slot, false, (LinuxErrno)parsed);
        }

        // Freeze before reading what VTL0 could otherwise change under VTL1 (no TOCTOU).
        if (!ApplyNew(pfns, reused, _readOnly))
        {
            return Rollback(pfns, reused, reserved, slot, true, LinuxErrno.EIO);
        }

        LinuxErrno checkedImage = CheckImage(ranges, imageLength, blob, in header, owner, slot.Crash, out ulong start, out ulong kernelMem);
        if (checkedImage != 0)
        {
            return Rollback(pfns, reused, reserved, slot, true, checkedImage);
        }

        // Accepted: now the previous image's frames that this one does not reuse are released.
        ReadOnlySpan<ulong> old = slot.Frames;
        ApplyOwned(old, slot.CurrentOwner, _readWrite);
        _frames.ReleaseOwned(old, slot.CurrentOwner);
        slot.Commit(pfns, start, kernelMem);
        return 0;
    }

    private LinuxErrno CheckImage(ReadOnlySpan<HekiRange> ranges, int imageLength, byte[] blob, in BzImageHeader header,
        ushort owner, bool crash, out ulong start, out ulong kernelMem)
    {
        start = 0;
        kernelMem = 0;
        Span<byte> image = new Span<byte>(_image, 0, imageLength);
        if (!RangeBytes.TryCopy(_platform.Memory, ranges, ImageType, image))
        {
            return LinuxErrno.EFAULT;
        }

        int count = KexecImagePrefix.TryParse(image, _segments);
        if (count < 0)
        {
            return LinuxErrno.EINVAL;
        }

        ReadOnlySpan<KexecSegment> segments = new ReadOnlySpan<KexecSegment>(_segments, 0, count);
        ulong pages = 0;
        int kernel = -1;
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < i; j++)
            {
                // sanity_check_segment_list: destinations never overlap.
                if (segments[i].Mem < segments[j].Mem + segments[j].MemSize && segments[j].Mem < segments[i].Mem + segments[i].MemSize)
                {
                    return LinuxErrno.EINVAL;
                }
            }

            _firstPage[i] = (int)pages;
            pages += segments[i].MemSize >> 12;
            if (pages > KexecLimits.Frames)
            {
                return LinuxErrno.EINVAL;
            }

            if (kernel < 0 && segments[i].BufSize == header.PayloadLength && segments[i].MemSize == header.MemorySize
                && (segments[i].Mem & (header.Alignment - 1)) == 0)
            {
                kernel = i;
            }
        }

        if (kernel < 0)
        {
            // No segment is the verified kernel as bzImage64_load would place it.
            return LinuxErrno.EACCES;
        }

        ulong[]? sources = null;
        if (crash)
        {
            // kimage_load_crash_segment copies straight into the reserved destination.
            for (int i = 0; i < count; i++)
            {
                for (ulong p = segments[i].Mem >> 12; p < (segments[i].Mem + segments[i].MemSize) >> 12; p++)
                {
                    if (_frames.OwnerOf(p) != owner)
                    {
                        return LinuxErrno.EINVAL;
                    }
                }
            }
        }
        else
        {
            sources = new ulong[pages];
            ulong head = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(image);
            int walked = _entries.Walk(head, segments, new ReadOnlySpan<int>(_firstPage, 0, count), sources, _frames, owner, KexecLimits.Frames);
            if (walked != 0)
            {
                return (LinuxErrno)walked;
            }
        }

        KexecSegment k = segments[kernel];
        ReadOnlySpan<byte> payload = new ReadOnlySpan<byte>(blob, header.PayloadOffset, (int)header.PayloadLength);
        for (int page = 0; page < (int)(k.MemSize >> 12); page++)
        {
            ulong pa = sources is null ? k.Mem + ((ulong)page << 12) : sources[_firstPage[kernel] + page] & ~1UL;
            if (_platform.Memory.Read(pa, _page) != BindingStatus.Success)
            {
                return LinuxErrno.EFAULT;
            }

            int at = page << 12;
            int inPayload = at >= payload.Length ? 0 : Math.Min(4096, payload.Length - at);
            ReadOnlySpan<byte> expected = payload.Slice(at >= payload.Length ? payload.Length : at, inPayload);
            if (!new ReadOnlySpan<byte>(_page, 0, inPayload).SequenceEqual(expected) || !IsZero(new ReadOnlySpan<byte>(_page, inPayload, 4096 - inPayload)))
            {
                // The loaded kernel differs from the verified file (or its zero fill is not zero).
                return LinuxErrno.EACCES;
            }
        }

        start = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(image.Slice(KexecImagePrefix.StartOffset, 8));
        kernelMem = k.Mem;
        return 0;
    }

    private int Reserve(ulong[] pfns, bool[] reused, KexecSlot slot)
    {
        for (int i = 0; i < pfns.Length; i++)
        {
            ulong p = pfns[i];
            if (p >= _frames.PageCount || _seals.IsWriteSealed(p) || _seals.IsImmutable(p))
            {
                return i;
            }

            ushort current = _frames.OwnerOf(p);
            if (current == slot.CurrentOwner && slot.Loaded)
            {
                // The slot's accepted image already protects this frame; the new image takes it over.
                reused[i] = true;
            }
            else if (current != ProtectedFrames.Free)
            {
                // Another module or service, the other slot, or a frame named twice.
                return i;
            }

            _frames.Set(p, slot.NextOwner);
        }

        return pfns.Length;
    }

    private long Rollback(ulong[] pfns, bool[] reused, int reserved, KexecSlot slot, bool frozen, LinuxErrno errno)
    {
        Rollback(pfns, reused, reserved, slot, frozen);
        return HekiErrno.Negative(errno);
    }

    private void Rollback(ulong[] pfns, bool[] reused, int reserved, KexecSlot slot, bool frozen)
    {
        if (frozen)
        {
            // Best effort: a backend failure leaves the frames read-only (never executable).
            ApplyNew(pfns, reused, _readWrite);
        }

        for (int i = 0; i < reserved; i++)
        {
            if (_frames.OwnerOf(pfns[i]) == slot.NextOwner)
            {
                _frames.Set(pfns[i], reused[i] ? slot.CurrentOwner : ProtectedFrames.Free);
            }
        }
    }

    private LinuxErrno ComputePermissions()
    {
        LinuxErrno e = ProtectionMapping.TryMap((ulong)MemAttr.Read, _platform.Capabilities, out _readOnly);
        return e != 0 ? e : ProtectionMapping.TryMap((ulong)(MemAttr.Read | MemAttr.Write), _platform.Capabilities, out _readWrite);
    }

    private bool ApplyNew(ulong[] pfns, bool[] reused, VtlPermissions permissions)
    {
        // Reused frames are the previous image's, already read-only: they are neither frozen nor released here.
        int i = 0;
        bool ok = true;
        while (i < pfns.Length)
        {
            if (reused[i])
            {
                i++;
                continue;
            }

            int j = i + 1;
            while (j < pfns.Length && !reused[j] && pfns[j] == pfns[j - 1] + 1)
            {
                j++;
            }

            if (_platform.Protection.SetLowerVtlPermissions(pfns[i], (ulong)(j - i), permissions) != BindingStatus.Success)
            {
                ok = false;
            }

            i = j;
        }

        return ok;
    }

    private bool ApplyOwned(ReadOnlySpan<ulong> pfns, ushort owner, VtlPermissions permissions)
    {
        int i = 0;
        bool ok = true;
        while (i < pfns.Length)
        {
            if (_frames.OwnerOf(pfns[i]) != owner)
            {
                i++;
                continue;
            }

            int j = i + 1;
            while (j < pfns.Length && _frames.OwnerOf(pfns[j]) == owner && pfns[j] == pfns[j - 1] + 1)
            {
                j++;
            }

            if (_platform.Protection.SetLowerVtlPermissions(pfns[i], (ulong)(j - i), permissions) != BindingStatus.Success)
            {
                ok = false;
            }

            i = j;
        }

        return ok;
    }

    private static bool IsZero(ReadOnlySpan<byte> bytes)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != 0)
            {
                return false;
            }
        }

        return true;
    }
}
