using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.NativeSvm.Backend;
using Lvbs.Hypervisor.NativeSvm.Definitions;
using Lvbs.Kernel.Boot.Replay;
using Lvbs.Kernel.Diagnostics;
using Lvbs.Kernel.Heki;
using Lvbs.Runtime;

namespace Lvbs.Kernel.Image.NativeSvm;

/// <summary>
/// <c>guest=replay</c>: replays a VTL0 call sequence recorded on the host (the replay script,
/// PVH module 0; format in <see cref="ReplayScript"/>) against the kernel's VSM dispatcher
/// under the native SVM backend. The replay guest (vtl0-replay-guest.asm) makes each recorded
/// VTL call and memory access for real; the recorded pages are put in guest memory before the
/// step they preceded on the host. Prints one line per step and "N passed, N failed"; success
/// only if every result and probe outcome matches the recording.
/// </summary>
internal static unsafe class ReplayGuestRun
{
    /// <summary>The replay guest owns guest-physical [0, 1 MiB): code, tables, step table, stack.</summary>
    internal const ulong GuestRegionEnd = 1UL << 20;

    private const ulong CodeBase = 0x1000;
    private const ulong StubPage = 0x3000;
    private const ulong PageTables = 0x1_0000;           // PML4, PDPT, 4 PDs, window PD, window PT
    private const int PageTablePages = 8;
    private const ulong StepTable = 0x2_0000;
    private const ulong StackTop = 0x9_F000;
    private const int EntrySize = 48;

    /// <summary>Steps the guest's table holds (0x20000 up to the stack at 0x98000).</summary>
    internal const int MaxSteps = (int)((0x9_8000 - StepTable) / EntrySize);

    private static HeapPages? s_hostPages;
    private static HeapPages? s_guestRam;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.InternalCall)]
    [System.Runtime.RuntimeImport("lvbs_replay_guest_image")]
    private static extern byte* GuestImage(out nuint length);

    internal static KernelExitCode Run()
    {
        Console.WriteLine("replay: replaying a recorded VTL0 call sequence on the native SVM backend");
        if (!BootInfo.TryGetModule(0, out ulong module, out ulong moduleSize) || moduleSize > int.MaxValue)
        {
            return Fail("no replay script: boot with -initrd <script> (lvbs run --replay FILE)");
        }
        // SAFETY: PVH module 0 stays where the loader put it, identity-mapped, and the heap keeps
        // off it (StartupCodeHelpers); nothing writes it, so a span over it is valid for the run.
        byte* script = (byte*)module;
        int length = (int)moduleSize;
        ReplayScriptStatus status = ReplayScript.TryParse(new System.ReadOnlySpan<byte>(script, length), GuestRegionEnd, MaxSteps,
            out ReplayScriptLayout layout, out int badIndex);
        if (status != ReplayScriptStatus.Ok)
        {
            Console.Write("replay: the script is malformed: ");
            Console.Write(StatusName(status));
            if (badIndex >= 0)
            {
                Console.Write(" at record ");
                Console.WriteDecimal((ulong)badIndex);
            }
            Console.WriteLine();
            return KernelExitCode.TestsFailed;
        }
        Console.Write("replay: ");
        Console.WriteDecimal((ulong)layout.StepCount);
        Console.Write(" steps, ");
        Console.WriteDecimal((ulong)layout.PageCount);
        Console.Write(" pages; VTL0 RAM to ");
        Console.WriteHex(layout.RamEnd);
        Console.Write(", VTL1 ");
        Console.WriteHex(layout.Vtl1Start);
        Console.Write("-");
        Console.WriteHex(layout.Vtl1End);
        Console.WriteLine();

        NativeSvmPlatform? platform = CreateGuest(layout, out string problem);
        if (platform is null)
        {
            return Fail(problem);
        }
        ReplayGuestSupervisor supervisor = new ReplayGuestSupervisor(platform, script, length, layout);
        if (!WriteStepTable(platform, new System.ReadOnlySpan<byte>(script, length), layout))
        {
            return Fail("cannot write the step table");
        }
        long result = 0;
        while (!supervisor.Done)
        {
            if (platform.ReturnToLower(0, result, out VtlEntry entry) != BindingStatus.Success)
            {
                break;
            }
            result = supervisor.OnEntry(entry);
        }
        if (!supervisor.Done)
        {
            Console.Write("replay: the guest stopped early, exit code ");
            Console.WriteHex((ulong)platform.StopExitCode);
            Console.WriteLine();
        }
        int failed = Compare(platform, supervisor, new System.ReadOnlySpan<byte>(script, length), layout, out int passed);
        if (supervisor.PageFailures != 0)
        {
            Console.WriteLine("replay: some recorded pages could not be written into guest memory");
            failed++;
        }
        Console.Write("replay: ");
        Console.WriteDecimal((ulong)passed);
        Console.Write(" passed, ");
        Console.WriteDecimal((ulong)failed);
        Console.Write(" failed, ");
        Console.WriteDecimal(platform.ExitCount);
        Console.Write(" exits; heap in use ");
        Console.WriteDecimal((ulong)System.GC.GetTotalMemory(false) / 1024);
        Console.Write(" KiB, of which guest RAM ");
        Console.WriteDecimal((layout.RamEnd - (layout.Vtl1End - layout.Vtl1Start)) / 1024);
        Console.WriteLine(" KiB");
        return failed == 0 && supervisor.Done ? KernelExitCode.Success : KernelExitCode.TestsFailed;
    }

    // Guest RAM is [0, RAM end) minus the VTL1 range, backed by one heap pool in 4 KiB pages.
    private static NativeSvmPlatform? CreateGuest(in ReplayScriptLayout layout, out string problem)
    {
        ulong below = layout.Vtl1Start / 4096, above = (layout.RamEnd - layout.Vtl1End) / 4096;
        s_hostPages = new HeapPages(128 + (int)(layout.RamEnd >> 21));
        s_guestRam = new HeapPages((int)(below + above));
        if (NativeSvmPlatform.TryCreate(new AsmSvmPort(), s_hostPages, layout.RamEnd, layout.Vtl1Start, layout.Vtl1End,
                out NativeSvmPlatform? platform, out problem) != BindingStatus.Success || platform is null)
        {
            return null;
        }
        ulong ram = s_guestRam.AllocateZeroedPages((int)(below + above));
        if (ram == 0 ||
            platform.MapGuestMemory(0, ram, below, VtlPermissions.All) != BindingStatus.Success ||
            (above != 0 && platform.MapGuestMemory(layout.Vtl1End, ram + below * 4096, above, VtlPermissions.All) != BindingStatus.Success))
        {
            problem = "cannot back guest RAM (heap too small for the script's RAM end?)";
            return null;
        }
        // SAFETY: the replay guest is read-only data linked into the image (replay-guest-blob.asm).
        byte* image = GuestImage(out nuint imageLength);
        if (imageLength > StubPage - CodeBase - 512 ||
            platform.Memory.Write(CodeBase, new System.ReadOnlySpan<byte>(image, (int)imageLength)) != BindingStatus.Success ||
            platform.Memory.Write(PageTables, BuildPageTables()) != BindingStatus.Success)
        {
            problem = "cannot place the replay guest";
            return null;
        }

        InitialVpContext context = default;
        context.Rip = CodeBase;
        context.Rsp = StackTop;
        context.Rflags = 2;
        context.Cr0 = 0x8001_0033;     // PG, WP, NE, ET, MP, PE
        context.Cr3 = PageTables;
        context.Cr4 = 0x620;           // PAE, OSFXSR, OSXMMEXCPT
        context.Efer = 0xD01;          // NXE, LMA, LME, SCE
        context.CsSelector = 0x08;
        context.CsAttributes = SvmArchitecture.Code64Attributes;
        context.DataSelector = 0x10;
        context.DataAttributes = SvmArchitecture.Data64Attributes;
        platform.StartVp(0, context);
        platform.WriteRegister(0, VpRegister.Rdx, (ulong)layout.StepCount);
        platform.InterceptHalt(true);
        problem = "";
        return platform;
    }

    // 4 GiB identity map in 2 MiB pages, plus the exec-probe window at VA 4 GiB (4 KiB pages:
    // [0] the stub page, [1] the probe target, set by the guest).
    private static byte[] BuildPageTables()
    {
        byte[] tables = new byte[PageTablePages * 4096];
        fixed (byte* t = tables)
        {
            // SAFETY: every index below stays inside its 4 KiB table within the pinned array.
            ulong* pml4 = (ulong*)t, pdpt = (ulong*)(t + 0x1000), pd = (ulong*)(t + 0x2000);
            ulong* windowPd = (ulong*)(t + 0x6000), windowPt = (ulong*)(t + 0x7000);
            pml4[0] = (PageTables + 0x1000) | 3;
            for (ulong i = 0; i < 4; i++)
            {
                pdpt[i] = (PageTables + 0x2000 + (i * 0x1000)) | 3;
            }
            pdpt[4] = (PageTables + 0x6000) | 3;
            for (ulong i = 0; i < 2048; i++)
            {
                pd[i] = (i << 21) | 0x83;
            }
            windowPd[0] = (PageTables + 0x7000) | 3;
            windowPt[0] = StubPage | 3;
        }
        return tables;
    }

    // Guest table entry: { u64 op (1 call, 2 read, 3 write, 4 execute), a0..a3, result }.
    private static bool WriteStepTable(NativeSvmPlatform platform, System.ReadOnlySpan<byte> script, in ReplayScriptLayout layout)
    {
        byte[] table = new byte[(layout.StepCount * EntrySize) + 1];
        for (int i = 0; i < layout.StepCount; i++)
        {
            ReplayStep step = ReplayScript.ReadStep(script, i);
            System.Span<byte> e = new System.Span<byte>(table, i * EntrySize, EntrySize);
            ulong op = step.Kind == ReplayStepKind.Call ? 1UL : step.Access switch
            {
                ReplayAccess.Read => 2UL,
                ReplayAccess.Write => 3UL,
                ReplayAccess.Execute => 4UL,
                _ => 0UL,
            };
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(e, op);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(e.Slice(8), step.A0);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(e.Slice(16), step.A1);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(e.Slice(24), step.A2);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(e.Slice(32), step.A3);
        }
        return platform.Memory.Write(StepTable, new System.ReadOnlySpan<byte>(table, 0, layout.StepCount * EntrySize)) == BindingStatus.Success;
    }

    private static int Compare(NativeSvmPlatform platform, ReplayGuestSupervisor supervisor, System.ReadOnlySpan<byte> script,
        in ReplayScriptLayout layout, out int passed)
    {
        passed = 0;
        int failed = 0;
        System.Span<byte> result = stackalloc byte[8];
        for (int i = 0; i < layout.StepCount; i++)
        {
            ReplayStep step = ReplayScript.ReadStep(script, i);
            StepObservation seen = supervisor.Observed(i);
            bool read = platform.Memory.Read(StepTable + (ulong)(i * EntrySize) + 40, result) == BindingStatus.Success;
            long guest = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(result);
            bool ok;
            Console.Write("replay: ");
            if (step.Kind == ReplayStepKind.Call)
            {
                Console.Write("call ");
                Console.WriteDecimal((ulong)i);
                Console.Write(' ');
                Console.Write(CallName(supervisor.Dispatcher, step.A0));
                ok = read && seen.Began && seen.Calls == 1 && seen.KernelResult == guest && guest == step.Expected;
                if (ok)
                {
                    Console.Write(" ok (");
                    WriteSigned(guest);
                    Console.Write(')');
                }
                else
                {
                    Console.Write(" MISMATCH expected ");
                    WriteSigned(step.Expected);
                    Console.Write(" got ");
                    if (!seen.Began || seen.Calls != 1)
                    {
                        Console.Write("no call");
                    }
                    else
                    {
                        WriteSigned(guest);
                    }
                }
            }
            else
            {
                Console.Write("probe ");
                Console.WriteDecimal((ulong)i);
                Console.Write(step.Access == ReplayAccess.Read ? " read " : step.Access == ReplayAccess.Write ? " write " : " execute ");
                Console.WriteHex(step.A0);
                bool kernelRefused = seen.Refusals > 0 && seen.RefusedMemory;
                string observed = !seen.Began || !read ? "not run"
                    : guest == 1 && kernelRefused ? "refused"
                    : guest == 0 && seen.Refusals == 0 ? "completes"
                    : "inconsistent";
                string expected = step.Expected == (long)ReplayProbeOutcome.Refused ? "refused" : "completes";
                ok = observed == expected;
                Console.Write(ok ? " ok (" : " MISMATCH expected ");
                Console.Write(ok ? observed : expected);
                if (ok)
                {
                    Console.Write(')');
                }
                else
                {
                    Console.Write(" got ");
                    Console.Write(observed);
                }
            }
            Console.WriteLine();
            if (ok)
            {
                passed++;
            }
            else
            {
                failed++;
            }
        }
        return failed;
    }

    private static string CallName(VsmDispatcher dispatcher, ulong id)
    {
        if (id >= VsmDispatcher.FirstId && id <= VsmDispatcher.LastId)
        {
            return dispatcher.Table[(int)(id - VsmDispatcher.FirstId)].Name;
        }
        return id == (ulong)Lvbs.Abi.Heki.VtlCallFunction.OpteeMessage ? "OPTEE_MESSAGE" : "(id outside the table)";
    }

    private static void WriteSigned(long value)
    {
        if (value < 0)
        {
            Console.Write('-');
            Console.WriteDecimal((ulong)(-value));
            return;
        }
        Console.WriteDecimal((ulong)value);
    }

    private static string StatusName(ReplayScriptStatus status) => status switch
    {
        ReplayScriptStatus.Truncated => "truncated",
        ReplayScriptStatus.BadMagic => "bad magic (expected LVBSRPL1)",
        ReplayScriptStatus.UnsupportedVersion => "unsupported version",
        ReplayScriptStatus.BadHeader => "bad header",
        ReplayScriptStatus.CountTooLarge => "too many steps or pages",
        ReplayScriptStatus.TrailingBytes => "bytes after the last record",
        ReplayScriptStatus.BadMemoryLayout => "bad RAM or VTL1 range",
        ReplayScriptStatus.BadStep => "bad step",
        ReplayScriptStatus.BadPage => "bad page record",
        ReplayScriptStatus.PagesOutOfOrder => "page records out of order",
        _ => "unknown status",
    };

    private static KernelExitCode Fail(string why)
    {
        Console.Write("replay: cannot run: ");
        Console.WriteLine(why);
        return KernelExitCode.TestsFailed;
    }
}
