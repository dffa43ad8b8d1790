using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Hypervisor.Simulated.Vtl0;
using Lvbs.Hypervisor.Simulated.Vtl0.CoreKernel;
using Lvbs.Hypervisor.Simulated.Vtl0.Modules;
using Lvbs.Kernel.Heki;
using Lvbs.Kernel.Heki.CoreKernel;
using Lvbs.Kernel.Heki.Modules;
using Lvbs.Kernel.Modules.Content.Rewrites;
using NUnit.Framework;

namespace Lvbs.Tests.Integration.Heki;

/// <summary>
/// Modules Linux finalized on a native CPU (pv_ops sites patched to direct calls of the slot's
/// function, core static calls to what the <c>__SCT__</c> trampoline jumps to) validate through
/// VALIDATE_MODULE only when VTL1 reads those core values from memory PROTECT_MEMORY sealed
/// (never-writable and IMMUTABLE) and only after the end of boot.
/// </summary>
public class CoreKernelFlowTests
{
    /// <summary>pv_ops slot t holds a native function in the simulated kernel text.</summary>
    private static readonly Dictionary<int, ulong> Slots = BuildSlots(0);

    private sealed class Rig
    {
        public required SimulatedMachine Machine { get; init; }

        public required VsmDispatcher Dispatcher { get; init; }

        public required HekiVtl0Driver Driver { get; init; }

        public required SimulatedKernelImage Kernel { get; init; }

        public required Dictionary<ulong, ulong> StaticCalls { get; init; }

        public required Dictionary<ulong, ulong> Placed { get; init; }

        public Func<string, ulong?> Lookup => name => Dispatcher.Modules.TryResolve(Encoding.ASCII.GetBytes(name), out ulong a) ? a : null;
    }

    private static Dictionary<int, ulong> BuildSlots(ulong skew)
    {
        var slots = new Dictionary<int, ulong>();
        for (int t = 0; t < SimulatedSealedKernel.PvSlotCount; t++)
        {
            slots[t] = SimulatedKernelImage.TextVa + 0x40_0000 + ((ulong)t * 0x40) + skew;
        }

        return slots;
    }

    private static Rig Boot(ulong? pvOpsAttributes = null, bool endOfBoot = true)
    {
        var m = new SimulatedMachine(new SimulatedMachineOptions { VpCount = 1 });
        VsmDispatcher d = SimulatedLinuxModules.NewDispatcher(m);
        m.Vtl1 = d;
        d.ModuleValidation.Admission = new LinuxModuleAdmission(d.Keyring, () => new LinuxRewriteSiteRules(d.ModuleValidation.LockedKernelMemory));
        var driver = new HekiVtl0Driver(m, 0x20_0000, 40UL << 20);
        SimulatedKernelImage kernel = SimulatedKernelImage.Build(DebianKernelExports.Names);
        Assert.That(driver.LoadKdata(kernel, HekiTestData.DebianCert), Is.Zero);

        // Tracepoint trampolines have no probe (NULL, a bare ret); the others jump to a core function.
        var calls = new Dictionary<ulong, ulong>();
        int i = 0;
        foreach (string name in kernel.Exports)
        {
            if (name.StartsWith("__SCT__", StringComparison.Ordinal))
            {
                calls[kernel.AddressOf(name)] = name.StartsWith("__SCT__tp_func", StringComparison.Ordinal) ? 0 : SimulatedKernelImage.TextVa + 0x50_0000 + ((ulong)i++ * 0x40);
            }
        }

        Assert.That(calls, Has.Count.GreaterThanOrEqualTo(4));
        SimulatedSealedKernel core = SimulatedSealedKernel.Build(kernel, Slots, calls);
        if (pvOpsAttributes is ulong attributes)
        {
            // Every page of the 256-slot table (it may straddle two).
            ulong pvOps = kernel.AddressOf("pv_ops");
            for (ulong page = pvOps & ~0xFFFUL; page < pvOps + (8 * SimulatedSealedKernel.PvSlotCount); page += 0x1000)
            {
                core.PageOf(page).Attributes = attributes;
            }
        }

        Assert.That(driver.ProtectCoreKernel(core, out Dictionary<ulong, ulong> placed), Is.Zero);
        if (endOfBoot)
        {
            Assert.That(driver.SignalEndOfBoot(), Is.Zero);
        }

        return new Rig { Machine = m, Dispatcher = d, Driver = driver, Kernel = kernel, StaticCalls = calls, Placed = placed };
    }

    private static LinuxModuleFinalizeOptions Native(Rig r, Dictionary<int, ulong> slots) => new()
    {
        ParavirtSlots = slots,
        CoreStaticCalls = r.StaticCalls,
    };

    private static long Load(Rig r, int orderIndex, LinuxModuleFinalizeOptions cpu)
    {
        string name = RealModulesFlowTests.Order[orderIndex];
        byte[] ko = HekiTestData.Read("modules/" + name + ".ko");
        LinuxLoadedModule vtl0 = SimulatedLinuxModules.Load(ko, orderIndex, r.Lookup, cpu);
        List<HekiVtl0Driver.ModuleRegion> regions = SimulatedLinuxModules.Regions(vtl0);
        return r.Driver.ValidateModule(ko, regions, out _);
    }

    [Test]
    public void AllTwentyModulesFinalizedNativelyValidateAfterEndOfBoot()
    {
        Rig r = Boot();
        for (int i = 0; i < RealModulesFlowTests.Order.Length; i++)
        {
            Assert.That(Load(r, i, Native(r, Slots)), Is.EqualTo((long)i), RealModulesFlowTests.Order[i]);
        }

        Assert.That(r.Dispatcher.ModuleValidation.Refused, Is.Zero);

        // hv_vmbus (21), hv_balloon (4) and hv_netvsc (2) paravirt sites each read their sealed slot.
        Assert.That(r.Dispatcher.CoreKernel.LockedMemory.Served, Is.GreaterThanOrEqualTo(27UL));
    }

    [Test]
    public void PvSitePatchedToAnotherFunctionThanTheSealedSlotIsRefused()
    {
        Rig r = Boot();
        long token = Load(r, 0, Native(r, BuildSlots(skew: 0x10)));
        Assert.That(token, Is.EqualTo(-(long)LinuxErrno.EACCES), "hv_vmbus");
        Assert.That(r.Dispatcher.Modules.Count, Is.Zero);

        // The same module with the slots VTL1 sealed is admitted.
        Assert.That(Load(r, 0, Native(r, Slots)), Is.Zero);
    }

    [TestCase((ulong)(MemAttr.Read | MemAttr.Write), TestName = "PvOpsLeftWritableAsOnDebian61IsReadFromTheEndOfBootCopy")]
    [TestCase((ulong)MemAttr.Read, TestName = "PvOpsReadOnlyButNotImmutableIsReadFromTheEndOfBootCopy")]
    public void PvOpsNotSealedIsReadFromTheEndOfBootCopy(ulong attributes)
    {
        Rig r = Boot(pvOpsAttributes: attributes);
        Assert.That(r.Dispatcher.CoreKernel.PvOps.Va, Is.EqualTo(r.Kernel.AddressOf("pv_ops")));
        Assert.That(r.Dispatcher.CoreKernel.PvOps.Length, Is.EqualTo(EndOfBootSnapshot.Capacity));
        Assert.That(Load(r, 0, Native(r, Slots)), Is.Zero, "hv_vmbus with direct pv calls to the slots pv_ops held at the end of boot");
    }

    [Test]
    public void PvOpsRewrittenAfterEndOfBootChangesNothingVtl1Accepts()
    {
        Rig r = Boot(pvOpsAttributes: (ulong)(MemAttr.Read | MemAttr.Write));
        Dictionary<int, ulong> hijacked = BuildSlots(skew: 0x10);
        ulong pvOps = r.Kernel.AddressOf("pv_ops");
        byte[] slot = new byte[8];
        foreach ((int type, ulong function) in hijacked)
        {
            // A compromised VTL0 points every pv_ops slot elsewhere (the page is writable).
            ulong va = pvOps + (8 * (ulong)type);
            BinaryPrimitives.WriteUInt64LittleEndian(slot, function);
            Assert.That(r.Machine.Vtl0(0).Write(r.Placed[va & ~0xFFFUL] + (va & 0xFFF), slot), Is.EqualTo(Vtl0Outcome.Completed));
        }

        Assert.That(Load(r, 0, Native(r, hijacked)), Is.EqualTo(-(long)LinuxErrno.EACCES), "module patched with the rewritten slots");
        Assert.That(Load(r, 0, Native(r, Slots)), Is.Zero, "module patched with the end-of-boot slots");
    }

    [Test]
    public void BeforeEndOfBootNoCoreValueIsRead()
    {
        Rig r = Boot(endOfBoot: false);
        Assert.That(Load(r, 0, Native(r, Slots)), Is.EqualTo(-(long)LinuxErrno.EACCES));
        Assert.That(r.Dispatcher.CoreKernel.LockedMemory.Served, Is.Zero);
        Assert.That(Load(r, 0, new LinuxModuleFinalizeOptions()), Is.Zero);
    }

    [Test]
    public void StaticCallToAnotherFunctionThanTheSealedTrampolineIsRefused()
    {
        Rig r = Boot();
        var moved = new Dictionary<ulong, ulong>();
        foreach ((ulong trampoline, ulong function) in r.StaticCalls)
        {
            moved[trampoline] = function == 0 ? SimulatedKernelImage.TextVa + 0x60_0000 : function + 0x20;
        }

        Assert.That(Load(r, 0, new LinuxModuleFinalizeOptions { ParavirtSlots = Slots, CoreStaticCalls = moved }), Is.EqualTo(-(long)LinuxErrno.EACCES));
    }
}
