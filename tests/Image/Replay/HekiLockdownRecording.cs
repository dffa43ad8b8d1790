extern alias core;

using System.Collections.Generic;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated.Vtl0;
using Lvbs.Hypervisor.Simulated;
using Lvbs.ImageHarness.Replay;
using Lvbs.Kernel.Boot.Replay;
using ReplayPolicy = core::Lvbs.Kernel.Boot.Replay.ReplayPolicy;
using ReplayScriptLayout = core::Lvbs.Kernel.Boot.Replay.ReplayScriptLayout;

namespace Lvbs.Tests.Image.Replay;

/// <summary>
/// Records, on the simulated machine with the hosted kernel as VTL1 (the replay policy:
/// kernel/Core/Heki's VsmDispatcher as the image builds it), what the LVBS Linux patches do at boot through the simulated VTL0 driver: protect
/// text, rodata and data, a few refused PROTECT_MEMORY calls, LOCK_REGS, end of boot, calls
/// refused after it, and VTL0 accesses before and after protection. The machine has the
/// image's replay shape: VTL1 at [1 MiB, 16 MiB), RAM to 32 MiB.
/// </summary>
public static class HekiLockdownRecording
{
    /// <summary>Lower-VTL RAM end.</summary>
    public const ulong RamEnd = 32UL << 20;

    /// <summary>Secure kernel range.</summary>
    public const ulong Vtl1Start = 1UL << 20;

    /// <summary>Secure kernel range end.</summary>
    public const ulong Vtl1End = 16UL << 20;

    /// <summary>The "kernel text" (two pages), then rodata, then data.</summary>
    public const ulong Text = 16UL << 20;

    /// <summary>Read-only data page.</summary>
    public const ulong Rodata = Text + 0x2000;

    /// <summary>Writable data page.</summary>
    public const ulong Data = Text + 0x3000;

    /// <summary>The recorder after the whole sequence.</summary>
    public static ReplayRecorder Record()
    {
        var machine = new SimulatedMachine(new SimulatedMachineOptions { RamSize = RamEnd, Vtl1Base = Vtl1Start, Vtl1Size = Vtl1End - Vtl1Start, VpCount = 1 });
        var kernel = ReplayPolicy.CreateDispatcher(machine, new ReplayScriptLayout { RamEnd = RamEnd, Vtl1Start = Vtl1Start, Vtl1End = Vtl1End });
        var recorder = new ReplayRecorder(machine, kernel);
        var driver = new HekiVtl0Driver(machine, scratchBase: 30UL << 20, scratchSize: 1UL << 20);
        var vtl0 = machine.Vtl0(0);

        // The "kernel image": recognisable text and rodata.
        var text = new byte[0x2000];
        for (int i = 0; i < text.Length; i++)
        {
            text[i] = (byte)(0x90 + (i % 7));
        }

        vtl0.Write(Text, text);
        vtl0.Write(Rodata, new byte[] { 0x5E, 0xC1, 0x2E, 0x70 });
        recorder.Probe(Data, ReplayAccess.Execute);                     // before protection: allowed
        recorder.Probe(Text, ReplayAccess.Write, 0x90);                 // before protection: allowed

        const ulong rx = (ulong)(MemAttr.Read | MemAttr.Exec | MemAttr.Immutable);
        const ulong r = (ulong)(MemAttr.Read | MemAttr.Immutable);
        const ulong rw = (ulong)(MemAttr.Read | MemAttr.Write);
        driver.ProtectMemory(HekiVtl0Driver.RangesFor(Text + 0x4000, 0x1000, (ulong)(MemAttr.Read | MemAttr.Write | MemAttr.Exec))); // W+X: EINVAL
        var ranges = new List<HekiRange>();
        ranges.AddRange(HekiVtl0Driver.RangesFor(Text, 0x2000, rx));
        ranges.AddRange(HekiVtl0Driver.RangesFor(Rodata, 0x1000, r));
        ranges.AddRange(HekiVtl0Driver.RangesFor(Data, 0x1000, rw));
        driver.ProtectMemory(ranges.ToArray());                         // 0
        driver.ProtectMemory(HekiVtl0Driver.RangesFor(Text, 0x1000, rw)); // widening a sealed page: EACCES
        driver.Call(0, VtlCallFunction.ProtectMemory, Vtl1Start, 1);    // chain inside VTL1: refused

        recorder.Probe(Text, ReplayAccess.Write, 0xCC);                 // refused
        recorder.Probe(Text + 0x1000, ReplayAccess.Read);               // allowed
        recorder.Probe(Text, ReplayAccess.Execute);                     // allowed
        recorder.Probe(Rodata, ReplayAccess.Write, 0);                  // refused
        recorder.Probe(Rodata, ReplayAccess.Execute);                   // refused
        recorder.Probe(Data, ReplayAccess.Write, 0x5A);                 // allowed
        recorder.Probe(Data, ReplayAccess.Execute);                     // refused
        recorder.Probe(Vtl1Start + 0x1000, ReplayAccess.Read);          // refused: the secure kernel's memory

        driver.LockRegs();
        driver.SignalEndOfBoot();
        driver.ProtectMemory(HekiVtl0Driver.RangesFor(Data, 0x1000, r)); // after end of boot: EPERM
        driver.SignalEndOfBoot();                                       // boot-only: EPERM
        driver.Call(0, (VtlCallFunction)0x1FFEF, 0);                    // unassigned id: ENOTSUP
        recorder.Probe(Text, ReplayAccess.Write, 0xCC);                 // still refused
        return recorder;
    }
}
