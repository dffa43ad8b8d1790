using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.NativeSvm.Backend;
using Lvbs.Hypervisor.NativeSvm.Definitions;
using Lvbs.Kernel.Boot.Linux;
using Lvbs.Kernel.Diagnostics;
using Lvbs.Runtime;

namespace Lvbs.Kernel.Image.NativeSvm;

/// <summary>
/// <c>guest=linux</c>: boots a stock Linux kernel (the guest blob, PVH module 0) as VTL0 under
/// the native SVM backend with register pinning armed from the first instruction, and reports
/// its exits when it powers off. Guest-physical memory is identity-mapped except the secure
/// kernel's [1 MiB, 16 MiB), which the guest's E820 marks reserved and the NPT never maps.
/// </summary>
internal static unsafe class LinuxGuestRun
{
    private const ulong SecureKernelStart = 1UL << 20;
    private const ulong SecureKernelEnd = 16UL << 20;
    private const ulong LoadAddress = 16UL << 20;          // the kernel's LOAD_PHYSICAL_ADDR
    private const ulong PageTables = 0x8_0000;             // guest page tables, GDT, zero page: low RAM
    private const ulong Gdt = 0x8_6000;
    private const ulong ZeroPage = 0x8_7000;
    private const ulong FourGiB = 1UL << 32;
    private const ushort Pm1aControl = 0x604;              // QEMU q35 ACPI PM1a_CNT: SLP_EN is bit 13

    private static HeapPages? s_hostPages;

    internal static KernelExitCode Run()
    {
        Console.WriteLine("linux-guest: the secure kernel boots Linux as its SVM guest");
        if (!BootInfo.TryGetModule(0, out ulong blob, out ulong blobSize))
        {
            return Fail("no guest blob: boot with -initrd <blob> (lvbs run --guest linux builds it)");
        }
        LinuxGuestBlobStatus blobStatus = LinuxGuestBlob.TryParse(new System.ReadOnlySpan<byte>((byte*)blob, LinuxGuestBlob.HeaderSize),
            blobSize, out LinuxGuestBlobLayout layout);
        if (blobStatus != LinuxGuestBlobStatus.Ok)
        {
            return Fail("the guest blob is malformed");
        }
        System.ReadOnlySpan<byte> bzImage = new System.ReadOnlySpan<byte>((byte*)(blob + layout.KernelOffset), (int)layout.KernelSize);
        if (BzImage.TryParse(bzImage, out BzImageInfo kernel) != BzImageStatus.Ok)
        {
            return Fail("the guest kernel is not a 64-bit bzImage (boot protocol 2.12+)");
        }
        if (Heap.EndAddress > SecureKernelEnd)
        {
            return Fail("the secure kernel's heap reaches into guest RAM (16 MiB and up)");
        }
        if (KernelSegmentsReader.TryRead(bzImage, kernel, out KernelSegments segments) != KernelSegmentsStatus.Ok)
        {
            return Fail("cannot find the kernel's text in its ELF headers (LZ4 payload expected)");
        }
        if (blob < LoadAddress + kernel.InitSize)
        {
            return Fail("the guest blob overlaps where the kernel decompresses itself");
        }

        s_hostPages = new HeapPages(64);
        // Guest-physical space reaches past 4 GiB only for the doorbell page (LinuxGuestSupervisor).
        if (NativeSvmPlatform.TryCreate(new AsmSvmPort(), s_hostPages, LinuxGuestSupervisor.Doorbell + 4096, SecureKernelStart, SecureKernelEnd,
                out NativeSvmPlatform? platform, out string problem) != BindingStatus.Success || platform is null)
        {
            return Fail(problem);
        }
        // Identity map: low memory (real-mode area, BIOS data) and everything from 16 MiB to 4 GiB
        // (RAM, the blob, MMIO: LAPIC, IOAPIC, HPET, PCI). The secure kernel's range stays absent.
        if (platform.MapGuestMemory(0, 0, SecureKernelStart / 4096, VtlPermissions.All) != BindingStatus.Success ||
            platform.MapGuestMemoryLarge(SecureKernelEnd, SecureKernelEnd, (FourGiB - SecureKernelEnd) >> 21, VtlPermissions.All) != BindingStatus.Success)
        {
            return Fail("cannot build the nested page table");
        }
        if (platform.Memory.Write(LoadAddress, bzImage.Slice((int)kernel.KernelOffset)) != BindingStatus.Success ||
            !WriteBootStructures(platform, bzImage, kernel, blob, layout))
        {
            return Fail("cannot place the kernel and its boot structures");
        }

        InitialVpContext context = default;
        context.Rip = LoadAddress + 0x200;                 // startup_64 (boot.rst, 64-bit boot protocol)
        context.Rsp = ZeroPage;
        context.Rflags = 2;
        context.Cr0 = 0x8000_0033;                         // PG, NE, ET, MP, PE
        context.Cr3 = PageTables;
        context.Cr4 = 0x20;                                // PAE
        context.Efer = 0x500;                              // LMA, LME
        context.GdtrBase = Gdt;
        context.GdtrLimit = 0x1F;
        context.CsSelector = 0x10;                         // __BOOT_CS
        context.CsAttributes = SvmArchitecture.Code64Attributes;
        context.DataSelector = 0x18;                       // __BOOT_DS
        context.DataAttributes = SvmArchitecture.Data64Attributes;
        platform.StartVp(0, context);
        platform.WriteRegister(0, VpRegister.Rsi, ZeroPage);
        platform.InterceptPort(Pm1aControl);
        Console.Write("linux-guest: kernel text and read-only data at ");
        Console.WriteHex(segments.TextStart);
        Console.Write("-");
        Console.WriteHex(segments.TextEnd);
        Console.WriteLine(" (from the bzImage's ELF headers)");

        LinuxGuestSupervisor supervisor = new LinuxGuestSupervisor(platform, segments, s_hostPages.AllocateZeroedPage());
        supervisor.Arm();
        return supervisor.Run() ? KernelExitCode.Success : KernelExitCode.TestsFailed;
    }

    private static bool WriteBootStructures(NativeSvmPlatform platform, System.ReadOnlySpan<byte> bzImage, in BzImageInfo kernel,
        ulong blob, in LinuxGuestBlobLayout layout)
    {
        // 4 GiB identity map in 2 MiB pages: PML4, PDPT, four page directories.
        byte[] tables = new byte[6 * 4096];
        fixed (byte* t = tables)
        {
            ulong* pml4 = (ulong*)t, pdpt = (ulong*)(t + 4096), pd = (ulong*)(t + 8192);
            pml4[0] = (PageTables + 0x1000) | 3;
            for (ulong i = 0; i < 4; i++)
            {
                pdpt[i] = (PageTables + 0x2000 + i * 0x1000) | 3;
            }
            for (ulong i = 0; i < 2048; i++)
            {
                pd[i] = (i << 21) | 0x83;
            }
        }
        // GDT: null, unused, __BOOT_CS (0x10, 64-bit code), __BOOT_DS (0x18).
        byte[] gdt = new byte[32];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(new System.Span<byte>(gdt, 16, 8), 0x00AF_9A00_0000_FFFFUL);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(new System.Span<byte>(gdt, 24, 8), 0x00CF_9200_0000_FFFFUL);

        System.Span<E820Entry> e820 = stackalloc E820Entry[LinuxZeroPage.MaxE820Entries];
        int count = BuildE820(e820);
        byte[] zeroPage = new byte[LinuxZeroPage.Size];
        if (!LinuxZeroPage.TryBuild(zeroPage, bzImage, kernel, blob + layout.InitrdOffset, layout.InitrdSize,
                blob + layout.CommandLineOffset, BootInfo.RsdpAddress, e820.Slice(0, count)))
        {
            return false;
        }
        return platform.Memory.Write(PageTables, tables) == BindingStatus.Success &&
            platform.Memory.Write(Gdt, gdt) == BindingStatus.Success &&
            platform.Memory.Write(ZeroPage, zeroPage) == BindingStatus.Success;
    }

    // The loader's memory map, with the secure kernel's range turned into a reserved hole.
    private static int BuildE820(System.Span<E820Entry> e820)
    {
        int count = 0;
        for (int i = 0; i < BootInfo.MemoryMapCount && count + 3 <= e820.Length; i++)
        {
            BootInfo.TryGetMemoryMapEntry(i, out ulong start, out ulong size, out uint type);
            ulong end = start + size;
            if (type != 1 || end <= SecureKernelStart || start >= SecureKernelEnd)
            {
                e820[count++] = new E820Entry { Address = start, Size = size, Type = type };
                continue;
            }
            if (start < SecureKernelStart)
            {
                e820[count++] = new E820Entry { Address = start, Size = SecureKernelStart - start, Type = 1 };
            }
            ulong holeStart = start > SecureKernelStart ? start : SecureKernelStart;
            ulong holeEnd = end < SecureKernelEnd ? end : SecureKernelEnd;
            e820[count++] = new E820Entry { Address = holeStart, Size = holeEnd - holeStart, Type = 2 };
            if (end > SecureKernelEnd)
            {
                e820[count++] = new E820Entry { Address = SecureKernelEnd, Size = end - SecureKernelEnd, Type = 1 };
            }
        }
        return count;
    }

    private static KernelExitCode Fail(string why)
    {
        Console.Write("linux-guest: cannot boot: ");
        Console.WriteLine(why);
        return KernelExitCode.TestsFailed;
    }
}
