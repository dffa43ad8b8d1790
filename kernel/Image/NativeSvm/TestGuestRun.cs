using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.NativeSvm.Backend;
using Lvbs.Kernel.Diagnostics;
using Lvbs.Runtime;

namespace Lvbs.Kernel.Image.NativeSvm;

/// <summary>
/// The default workload: the secure kernel becomes the hypervisor (native SVM backend), boots
/// the VTL0 test guest, lets it protect itself and lock down, watches it attack, and prints the
/// scenario table (attack, expected, observed). Success only if every row matches.
/// </summary>
internal static unsafe class TestGuestRun
{
    private const ulong GuestBase = 0x20_0000;
    private const int GuestPages = 14;
    private const ulong SecureKernelStart = 0x10_0000; // guest-physical range reserved for VTL1: never mapped
    private const ulong SecureKernelEnd = 0x20_0000;

    private static HeapPages? s_hostPages;
    private static HeapPages? s_guestPages;

    private struct Row
    {
        public string Name;
        public bool ExpectBlocked;
    }

    private static Row R(string name, bool blocked) => new Row { Name = name, ExpectBlocked = blocked };

    // Scenario numbers match hypervisor-bindings/NativeSvm/TestGuest/vtl0-test-guest.asm.
    private static Row[] Scenarios() => new Row[]
    {
        default,
        R("protect text and rodata before end of boot", false),
        R("write kernel text", true),
        R("write read-only data", true),
        R("alias rodata writable in own page tables, write", true),
        R("execute from a data page", true),
        R("clear CR0.WP", true),
        R("clear CR4.SMEP", true),
        R("clear CR4.SMAP", true),
        R("clear EFER.NXE", true),
        R("load a new IDT after end of boot", true),
        R("read secure kernel memory", true),
        R("write secure kernel memory", true),
        R("repeat a boot-only call after end of boot", true),
        R("write to ordinary data", false),
        R("toggle CR4.PGE (permitted)", false),
    };

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.InternalCall)]
    [System.Runtime.RuntimeImport("lvbs_test_guest_image")]
    private static extern byte* GuestImage(out nuint length);

    internal static KernelExitCode Run()
    {
        Console.WriteLine("native-svm: the secure kernel is the hypervisor; VTL0 is an SVM guest with nested paging");
        NativeSvmPlatform? platform = CreateGuest(benchmarkCalls: 0);
        if (platform is null)
        {
            return KernelExitCode.TestsFailed;
        }
        TestGuestSupervisor supervisor = new TestGuestSupervisor(platform, GuestBase, GuestBase + GuestPages * 4096UL, SecureKernelStart, SecureKernelEnd);
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
            Console.Write("native-svm: the guest stopped early: ");
            Console.Write(StopName(platform.StopReason));
            Console.Write(", exit code ");
            Console.WriteHex((ulong)platform.StopExitCode);
            Console.WriteLine();
        }
        return PrintTable(supervisor, platform.ExitCount) && supervisor.Done ? KernelExitCode.Success : KernelExitCode.TestsFailed;
    }

    /// <summary>
    /// Creates the platform and loads the test guest: scenarios when <paramref name="benchmarkCalls"/>
    /// is 0, else that many no-op VTL calls. Null (with the reason printed) when SVM is unavailable.
    /// </summary>
    internal static NativeSvmPlatform? CreateGuest(ulong benchmarkCalls)
    {
        s_hostPages = new HeapPages(96);
        s_guestPages = new HeapPages(GuestPages);
        BindingStatus status = NativeSvmPlatform.TryCreate(new AsmSvmPort(), s_hostPages, GuestBase + GuestPages * 4096UL,
            SecureKernelStart, SecureKernelEnd, out NativeSvmPlatform? platform, out string problem);
        if (status != BindingStatus.Success || platform is null)
        {
            Console.Write("native-svm: cannot start: ");
            Console.WriteLine(problem);
            return null;
        }
        ulong guestRam = s_guestPages.AllocateZeroedPages(GuestPages);
        platform.MapGuestMemory(GuestBase, guestRam, GuestPages, VtlPermissions.All);
        byte* image = GuestImage(out nuint length);
        if (length > GuestPages * 4096UL || platform.Memory.Write(GuestBase, new System.ReadOnlySpan<byte>(image, (int)length)) != BindingStatus.Success)
        {
            Console.WriteLine("native-svm: the test guest does not fit its memory");
            return null;
        }

        InitialVpContext context = default;
        context.Rip = GuestBase;
        context.Rsp = GuestBase + 0xE000;
        context.Rflags = 2;
        context.Cr0 = 0x8001_0033;     // PG, WP, NE, ET, MP, PE
        context.Cr3 = GuestBase + 0x8000;
        context.Cr4 = 0x620;           // PAE, OSFXSR, OSXMMEXCPT
        context.Efer = 0xD01;          // NXE, LMA, LME, SCE
        context.CsSelector = 0x08;
        context.CsAttributes = Lvbs.Hypervisor.NativeSvm.Definitions.SvmArchitecture.Code64Attributes;
        context.DataSelector = 0x10;
        context.DataAttributes = Lvbs.Hypervisor.NativeSvm.Definitions.SvmArchitecture.Data64Attributes;
        platform.StartVp(0, context);
        // The guest's attack target: a host page (the VMCB) by its physical address.
        platform.WriteRegister(0, VpRegister.Rsi, platform.VmcbPhysicalAddress);
        platform.WriteRegister(0, VpRegister.Rdx, benchmarkCalls);
        platform.InterceptHalt(true);
        return platform;
    }

    private static bool PrintTable(TestGuestSupervisor supervisor, ulong exits)
    {
        Row[] rows = Scenarios();
        int matched = 0, total = 0;
        Console.WriteLine("scenario | attack or operation                               | expected | observed");
        for (int i = 1; i < rows.Length; i++)
        {
            ScenarioOutcome outcome = supervisor.Outcome(i);
            string observed = !outcome.Ran ? "not run" : outcome.Blocked && !outcome.Reached ? "blocked"
                : outcome.Reached && !outcome.Blocked ? "allowed" : "inconsistent";
            string expected = rows[i].ExpectBlocked ? "blocked" : "allowed";
            bool ok = observed == expected;
            total++;
            if (ok)
            {
                matched++;
            }
            Console.Write(i < 10 ? "       " : "      ");
            Console.WriteDecimal((ulong)i);
            Console.Write(" | ");
            Console.Write(rows[i].Name);
            for (int pad = rows[i].Name.Length; pad < 48; pad++)
            {
                Console.Write(' ');
            }
            Console.Write(" | ");
            Console.Write(expected);
            Console.Write("  | ");
            Console.Write(observed);
            Console.WriteLine(ok ? "" : "   <-- MISMATCH");
        }
        Console.Write("native-svm: ");
        Console.WriteDecimal((ulong)matched);
        Console.Write(" of ");
        Console.WriteDecimal((ulong)total);
        Console.Write(" scenarios as expected, ");
        Console.WriteDecimal(exits);
        Console.WriteLine(" exits");
        return matched == total;
    }

    private static string StopName(SvmStopReason reason) => reason switch
    {
        SvmStopReason.Shutdown => "shutdown (triple fault)",
        SvmStopReason.Halted => "halted",
        SvmStopReason.UnhandledExit => "unhandled exit",
        SvmStopReason.InvalidState => "VMRUN rejected the guest state",
        SvmStopReason.NotStarted => "not started",
        _ => "none",
    };
}
