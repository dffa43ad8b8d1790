using System.Runtime;
using System.Runtime.CompilerServices;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.NativeSvm.Backend;
using Lvbs.Kernel.Diagnostics;
using Lvbs.Runtime;

namespace Lvbs.Kernel.Image.NativeSvm;

/// <summary>
/// <c>svmbench=N</c>: the VTL-call round trip through the managed exit path (backend entry
/// decoding, the kernel's handler, result in R8) against a bare assembly VMRUN/VMMCALL loop, in
/// one run, N calls each. Under TCG these are TSC ticks of QEMU's software path, not hardware cost.
/// </summary>
internal static unsafe class VtlCallBenchmark
{
    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_svm_bare_vmmcall_loop")]
    private static extern ulong BareLoop(ulong vmcbPa, ulong context, ulong count);

    private sealed class NoopHandler : IVtlEntryHandler
    {
        public long OnEntry(in VtlEntry entry) => entry.Reason == VtlEntryReason.Call && entry.Call.FunctionId == TestGuestSupervisor.TestNoop ? 0 : -38;
    }

    internal static KernelExitCode Run(ulong count)
    {
        NativeSvmPlatform? platform = TestGuestRun.CreateGuest(benchmarkCalls: 2 * count + 1);
        if (platform is null)
        {
            return KernelExitCode.TestsFailed;
        }
        // Warm up both paths (first-touch costs: page tables, translation blocks).
        BareLoop(platform.VmcbPhysicalAddress, platform.ContextAddress, 1);
        ulong t0 = Cpu.ReadTimeStampCounter();
        ulong bare = BareLoop(platform.VmcbPhysicalAddress, platform.ContextAddress, count);
        ulong t1 = Cpu.ReadTimeStampCounter();

        NoopHandler handler = new NoopHandler();
        long result = 0;
        ulong managed = 0;
        ulong t2 = Cpu.ReadTimeStampCounter();
        for (; managed < count; managed++)
        {
            if (platform.ReturnToLower(0, result, out VtlEntry entry) != BindingStatus.Success)
            {
                break;
            }
            result = handler.OnEntry(entry);
        }
        ulong t3 = Cpu.ReadTimeStampCounter();
        if (bare != count || managed != count)
        {
            Console.WriteLine("svmbench: the guest left the benchmark loop early");
            return KernelExitCode.TestsFailed;
        }
        ulong bareTicks = (t1 - t0) / count, managedTicks = (t3 - t2) / count;
        Console.Write("svmbench: ");
        Console.WriteDecimal(count);
        Console.Write(" VTL calls each: bare asm loop ");
        Console.WriteDecimal(bareTicks);
        Console.Write(" ticks/round trip, managed exit path ");
        Console.WriteDecimal(managedTicks);
        Console.Write(" ticks/round trip, ratio ");
        ulong ratioHundredths = managedTicks * 100 / (bareTicks == 0 ? 1 : bareTicks);
        Console.WriteDecimal(ratioHundredths / 100);
        Console.Write(".");
        Console.WriteDecimal(ratioHundredths % 100 / 10);
        Console.WriteDecimal(ratioHundredths % 10);
        Console.WriteLine("x");
        return KernelExitCode.Success;
    }
}
