using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using Lvbs.Abi.Heki;

namespace Lvbs.Hypervisor.Simulated.Vtl0.Kexec;

/// <summary>
/// What Linux's kexec_file_load builds for a bzImage64 in VTL0 memory and what the LVBS patch's
/// heki_kexec_validate (virt/heki/kexec.c) then sends, over a <see cref="SimulatedMachine"/>:
/// segments in bzImage64_load's order (purgatory placeholder, boot params with the copied setup
/// header and the command line, the kernel's protected-mode payload with memsz =
/// PAGE_ALIGN(init_size) at a kernel_alignment-aligned destination); a normal image keeps the
/// contents in source pages listed by IND_DESTINATION/IND_SOURCE entries in indirection pages
/// (kimage_load_normal_segment), a crash image copies them straight into the crashkernel region
/// (kimage_load_crash_segment); the kimage struct in its own page; the ranges: KexecImage, the
/// vmalloc'd copy of the file (KexecKernelBlob), then KexecPages (crash: segment memory; normal:
/// source and indirection pages) and the control pages.
/// </summary>
public sealed class KexecFileLoad
{
    /// <summary>sizeof(struct kimage) sent as KexecImage (x86-64 6.x is about 1 KiB).</summary>
    public const int KimageSize = 1024;

    private const ulong VmallocBase = 0xFFFF_C900_4000_0000;
    private readonly SimulatedMachine _machine;
    private readonly Func<int, ulong> _allocate;

    /// <summary>A loader whose pages come from <paramref name="allocatePages"/> (0 = exhausted).</summary>
    public KexecFileLoad(SimulatedMachine machine, Func<int, ulong> allocatePages)
    {
        _machine = machine;
        _allocate = allocatePages;
    }

    /// <summary>The ranges heki_kexec_validate sends, in its order.</summary>
    public List<HekiRange> Ranges { get; } = new();

    /// <summary>The segments, as in kimage.segment[].</summary>
    public List<KexecSegment> Segments { get; } = new();

    /// <summary>Index of the kernel segment in <see cref="Segments"/>.</summary>
    public int KernelSegment { get; private set; } = -1;

    /// <summary>PA of the kimage page.</summary>
    public ulong KimagePa { get; private set; }

    /// <summary>Per kernel-segment page, the PA holding its content (source page, or destination for crash).</summary>
    public List<ulong> KernelContentPages { get; } = new();

    /// <summary>
    /// Loads <paramref name="kernelFile"/>: destinations start at <paramref name="destinationBase"/>
    /// (for a crash image: the crashkernel region, which must be RAM VTL0 owns).
    /// False if the file is not a bzImage64 or memory runs out.
    /// </summary>
    public bool Load(byte[] kernelFile, bool crash, ulong destinationBase, string commandLine = "console=ttyS0")
    {
        if (kernelFile.Length < 0x264 || BinaryPrimitives.ReadUInt32LittleEndian(kernelFile.AsSpan(0x202)) != 0x53726448)
        {
            return false;
        }

        int sects = kernelFile[0x1F1] == 0 ? 4 : kernelFile[0x1F1];
        int kern16 = (sects + 1) * 512;
        ulong initSize = (BinaryPrimitives.ReadUInt32LittleEndian(kernelFile.AsSpan(0x260)) + 0xFFFUL) & ~0xFFFUL;
        ulong align = BinaryPrimitives.ReadUInt32LittleEndian(kernelFile.AsSpan(0x230));

        // Purgatory (VTL0's relocated copy of its purgatory ELF; a placeholder here) and boot params.
        byte[] purgatory = new byte[0x3000];
        for (int i = 0; i < purgatory.Length; i++)
        {
            purgatory[i] = (byte)(0x90 ^ i);
        }

        byte[] bootParams = new byte[0x1000];
        int setupHeaderLength = 0x0202 + kernelFile[0x201] - 0x1F1;
        kernelFile.AsSpan(0x1F1, setupHeaderLength).CopyTo(bootParams.AsSpan(0x1F1));
        System.Text.Encoding.ASCII.GetBytes(commandLine).CopyTo(bootParams.AsSpan(0xD00));

        ulong dest = destinationBase;
        ulong purgatoryMem = dest;
        dest += 0x3000;
        ulong paramsMem = dest;
        dest += 0x1000;
        ulong kernelMem = (dest + align - 1) & ~(align - 1);
        var contents = new List<(byte[] Bytes, int Offset, int Length, ulong Mem, ulong MemSize)>
        {
            (purgatory, 0, purgatory.Length, purgatoryMem, 0x3000),
            (bootParams, 0, bootParams.Length, paramsMem, 0x1000),
            (kernelFile, kern16, kernelFile.Length - kern16, kernelMem, initSize),
        };
        KernelSegment = 2;

        ulong blobPa = Place(kernelFile);
        ulong kimagePa = _allocate(1);
        if (blobPa == 0 || kimagePa == 0)
        {
            return false;
        }

        KimagePa = kimagePa;
        Ranges.Add(new HekiRange { Va = HekiVtl0Driver.DirectMapBase + kimagePa, Pa = kimagePa, Epa = kimagePa + KimageSize, Attributes = (ulong)HekiKexecType.KexecImage });
        for (ulong off = 0; off < (ulong)kernelFile.Length; off += 0x1000)
        {
            ulong end = Math.Min(off + 0x1000, (ulong)kernelFile.Length);
            Ranges.Add(new HekiRange { Va = VmallocBase + off, Pa = blobPa + off, Epa = blobPa + end, Attributes = (ulong)HekiKexecType.KexecKernelBlob });
        }

        ulong head = crash ? 0x4UL : 0;
        var entries = new List<ulong>();
        for (int s = 0; s < contents.Count; s++)
        {
            var c = contents[s];
            Segments.Add(new KexecSegment { Buf = VmallocBase + 0x1000_0000UL * (ulong)(s + 1), BufSize = (ulong)c.Length, Mem = c.Mem, MemSize = c.MemSize });
            if (!crash)
            {
                entries.Add(c.Mem | 0x1);
            }

            for (ulong p = 0; p < c.MemSize; p += 0x1000)
            {
                byte[] page = new byte[0x1000];
                if (p < (ulong)c.Length)
                {
                    c.Bytes.AsSpan(c.Offset + (int)p, (int)Math.Min(0x1000UL, (ulong)c.Length - p)).CopyTo(page);
                }

                ulong at = crash ? c.Mem + p : _allocate(1);
                if (at == 0 || !Write(at, page))
                {
                    return false;
                }

                if (s == KernelSegment)
                {
                    KernelContentPages.Add(at);
                }

                if (crash)
                {
                    continue;
                }

                entries.Add(at | 0x8);
                Ranges.Add(PageRange(at));
            }

            if (crash)
            {
                for (ulong p = 0; p < c.MemSize; p += 0x1000)
                {
                    Ranges.Add(PageRange(c.Mem + p));
                }
            }
        }

        if (!crash)
        {
            entries.Add(0x4);
            head = WriteEntryPages(entries);
            if (head == 0)
            {
                return false;
            }
        }

        // Control pages (control_code_page and the identity-map page tables): zeroed here.
        for (int i = 0; i < 2; i++)
        {
            ulong control = _allocate(1);
            if (control == 0)
            {
                return false;
            }

            Ranges.Add(PageRange(control));
        }

        byte[] kimage = new byte[KimageSize];
        BinaryPrimitives.WriteUInt64LittleEndian(kimage.AsSpan(0), head);
        BinaryPrimitives.WriteUInt64LittleEndian(kimage.AsSpan(KexecImagePrefix.StartOffset), purgatoryMem + 0x100);
        BinaryPrimitives.WriteUInt64LittleEndian(kimage.AsSpan(KexecImagePrefix.SegmentCountOffset), (ulong)Segments.Count);
        for (int s = 0; s < Segments.Count; s++)
        {
            Span<byte> at = kimage.AsSpan(KexecImagePrefix.SegmentsOffset + (s * KexecSegment.Size));
            BinaryPrimitives.WriteUInt64LittleEndian(at, Segments[s].Buf);
            BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(8), Segments[s].BufSize);
            BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(16), Segments[s].Mem);
            BinaryPrimitives.WriteUInt64LittleEndian(at.Slice(24), Segments[s].MemSize);
        }

        return Write(kimagePa, kimage);
    }

    /// <summary>Writes the prefix field at <paramref name="offset"/> of the kimage (a hostile VTL0 before validation).</summary>
    public bool PatchKimage(int offset, ulong value)
    {
        byte[] b = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        return Write(KimagePa + (ulong)offset, b);
    }

    private ulong WriteEntryPages(List<ulong> entries)
    {
        const int perPage = 512;
        int pages = Math.Max(1, (entries.Count + perPage - 2) / (perPage - 1));
        var pagePas = new ulong[pages];
        for (int i = 0; i < pages; i++)
        {
            pagePas[i] = _allocate(1);
            if (pagePas[i] == 0)
            {
                return 0;
            }

            Ranges.Add(PageRange(pagePas[i]));
        }

        int at = 0;
        for (int i = 0; i < pages; i++)
        {
            byte[] page = new byte[0x1000];
            for (int slot = 0; slot < perPage - 1 && at < entries.Count; slot++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(page.AsSpan(slot * 8), entries[at++]);
            }

            if (i + 1 < pages)
            {
                // The last slot links to the next entry page (kimage_add_entry).
                BinaryPrimitives.WriteUInt64LittleEndian(page.AsSpan((perPage - 1) * 8), pagePas[i + 1] | 0x2);
            }

            if (!Write(pagePas[i], page))
            {
                return 0;
            }
        }

        return pagePas[0] | 0x2;
    }

    private ulong Place(byte[] bytes)
    {
        ulong pa = _allocate((bytes.Length + 0xFFF) / 0x1000);
        return pa != 0 && Write(pa, bytes) ? pa : 0;
    }

    private bool Write(ulong pa, ReadOnlySpan<byte> bytes) => _machine.Vtl0(0).Write(pa, bytes) == Vtl0Outcome.Completed;

    private static HekiRange PageRange(ulong pa) =>
        new HekiRange { Va = HekiVtl0Driver.DirectMapBase + pa, Pa = pa, Epa = pa + 0x1000, Attributes = (ulong)HekiKexecType.KexecPages };
}
