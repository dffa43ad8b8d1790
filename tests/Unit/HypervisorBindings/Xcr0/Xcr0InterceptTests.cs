using System;
using System.Buffers.Binary;
using System.Linq;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.HyperV.Backend;
using Lvbs.Hypervisor.HyperV.Definitions;
using Lvbs.Hypervisor.NativeSvm.Backend;
using Lvbs.Hypervisor.NativeSvm.Definitions;
using Lvbs.Hypervisor.Platforms;
using Lvbs.Tests.Unit.HypervisorBindings.HyperV;
using Lvbs.Tests.Unit.HypervisorBindings.NativeSvm;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings.Xcr0;

/// <summary>
/// XCR0 (XSETBV) intercepts through the abstraction: the capability column, Hyper-V
/// CrInterceptControl bit 2 + the Xfem register intercept, native SVM's XSETBV intercept bit and
/// exit 0x8D, and the backends that cannot do it saying so.
/// </summary>
public unsafe class Xcr0InterceptTests
{
    [Test]
    public void CapabilityColumnIsHonestPerBackend()
    {
        var rows = CapabilityMatrix.Rows().ToDictionary(r => r.Name);
        Assert.Multiple(() =>
        {
            Assert.That(rows["hyperv"].Get(Capability.Xcr0Intercept).Level, Is.EqualTo(CapabilityLevel.Full));
            Assert.That(rows["native-svm"].Get(Capability.Xcr0Intercept).Level, Is.EqualTo(CapabilityLevel.Full));
            Assert.That(rows["simulated"].Get(Capability.Xcr0Intercept).Level, Is.EqualTo(CapabilityLevel.Full));
            Assert.That(rows["sev-snp"].Get(Capability.Xcr0Intercept).Level, Is.EqualTo(CapabilityLevel.None));
            Assert.That(rows["tdx"].Get(Capability.Xcr0Intercept).Level, Is.EqualTo(CapabilityLevel.None));
            Assert.That(rows["kvm-planes"].Get(Capability.Xcr0Intercept).Level, Is.EqualTo(CapabilityLevel.None));
            Assert.That(CapabilityMatrix.ToText(), Does.Contain("xcr0-int"));
            Assert.That(CapabilityMatrix.ToText(), Does.Contain("sev-snp xcr0-int: none - "));
        });
    }

    [Test]
    public void HyperVArmsCrInterceptControlBit2()
    {
        Assert.That(HvRegisterMap.ToCrInterceptControl(InterceptSet.Xcr0Write), Is.EqualTo(1UL << 2));
        Assert.That(HvRegisterMap.ToCrInterceptControl(InterceptSet.LvbsLockRegs) & (1UL << 2), Is.Zero, "LVBS's own set leaves XCR0 alone");
        var port = new RecordingHyperVPort();
        var hv = new HyperVPlatform(port, 1, 1UL << 32, 0x8000_0000, 0x8100_0000, mbecEnabled: true);
        var c = new InterceptConfiguration { Set = InterceptSet.LvbsLockRegs | InterceptSet.Xcr0Write };
        Assert.That(hv.ArmIntercepts(0, c), Is.EqualTo(BindingStatus.Success));
        (_, byte[] input) = port.Calls[0];
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(input.AsSpan(80)), Is.EqualTo(0x000E0000u));
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(input.AsSpan(96)), Is.EqualTo(0x7FD547UL));
        Assert.That(HvRegisterMap.TryToHv(VpRegister.Xcr0, out HvRegisterName name) && name == HvRegisterName.Xfem, Is.True);
    }

    [Test]
    public void HyperVXfemRegisterInterceptIsAnXcrWrite()
    {
        byte[] m = HyperVVtlEntryTests.Message(HvMessageType.RegisterIntercept, 64, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(16 + 44), (uint)HvRegisterName.Xfem);
        BinaryPrimitives.WriteUInt64LittleEndian(m.AsSpan(16 + 48), 0xE7);
        Assert.That(HvInterceptParser.TryParse(m, out Intercept i), Is.EqualTo(BindingStatus.Success));
        Assert.That(i.Kind, Is.EqualTo(InterceptKind.XcrWrite));
        Assert.That(i.Register, Is.EqualTo(VpRegister.Xcr0));
        Assert.That(i.Msr, Is.Zero, "XCR index 0");
        Assert.That(i.Value, Is.EqualTo(0xE7UL));

        // A read of XFEM (access 0) is not something LOCK_REGS arms: rejected.
        m[16 + 5] = 0;
        Assert.That(HvInterceptParser.TryParse(m, out _), Is.EqualTo(BindingStatus.InvalidParameter));
    }

    [Test]
    public void NativeSvmSetsTheXsetbvInterceptAndDecodesExit0x8D()
    {
        using var pages = new NativeHostPages(64);
        using var ram = new NativeHostPages(16);
        var port = new RecordingSvmPort { Xcr0 = 0x7 };
        Assert.That(NativeSvmPlatform.TryCreate(port, pages, 0x20_0000 + (16 * 4096), 0x10_0000, 0x20_0000, out NativeSvmPlatform? p, out string problem),
            Is.EqualTo(BindingStatus.Success), problem);
        Assert.That(p!.MapGuestMemory(0x20_0000, ram.AllocateZeroedPages(16), 16, VtlPermissions.All), Is.EqualTo(BindingStatus.Success));
        var vmcb = new Vmcb(p.VmcbPhysicalAddress);
        Assert.That(vmcb.Read32(VmcbOffsets.InterceptMisc2) & (uint)SvmMisc2Intercept.Xsetbv, Is.Zero, "not armed before LOCK_REGS");

        var c = new InterceptConfiguration { Set = InterceptSet.Xcr0Write };
        Assert.That(p.ArmIntercepts(0, c), Is.EqualTo(BindingStatus.Success));
        Assert.That(vmcb.Read32(VmcbOffsets.InterceptMisc2) & (uint)SvmMisc2Intercept.Xsetbv, Is.Not.Zero);
        Assert.That(vmcb.Read32(VmcbOffsets.InterceptMisc2) & (uint)SvmMisc2Intercept.Vmrun, Is.Not.Zero, "arming keeps the mandatory intercepts");

        p.StartVp(0, new InitialVpContext { Rip = 0x20_0100, Cr0 = 0x11 });
        port.OnRun = (pa, ctx) =>
        {
            SvmGuestContext* g = (SvmGuestContext*)ctx;
            var v = new Vmcb(pa);
            g->Rcx = 0;
            g->Rdx = 0x1;
            v.Write64(VmcbOffsets.Rax, 0xFFFF_FFFF_0000_00E7);
            v.Write64(VmcbOffsets.ExitCode, (ulong)SvmExitCode.Xsetbv);
        };
        Assert.That(p.ReturnToLower(0, 0, out VtlEntry entry), Is.EqualTo(BindingStatus.Success));
        Assert.Multiple(() =>
        {
            Assert.That(entry.Reason, Is.EqualTo(VtlEntryReason.Intercept));
            Assert.That(entry.Intercept.Kind, Is.EqualTo(InterceptKind.XcrWrite));
            Assert.That(entry.Intercept.Register, Is.EqualTo(VpRegister.Xcr0));
            Assert.That(entry.Intercept.Msr, Is.Zero);
            Assert.That(entry.Intercept.Value, Is.EqualTo(0x1_0000_00E7UL), "EDX:EAX, upper half of RAX ignored");
            Assert.That(entry.Intercept.InstructionLength, Is.EqualTo(3));
            Assert.That(entry.Intercept.Rip, Is.EqualTo(0x20_0100UL));
        });

        Assert.That(p.ReadRegister(0, VpRegister.Xcr0, out ulong xcr0), Is.EqualTo(BindingStatus.Success));
        Assert.That(xcr0, Is.EqualTo(0x7UL));
        Assert.That(p.WriteRegister(0, VpRegister.Xcr0, 0x3), Is.EqualTo(BindingStatus.Success));
        Assert.That(port.Xcr0, Is.EqualTo(0x3UL));
    }

    [Test]
    public void BackendsThatCannotInterceptXsetbvRefuseToArmIt()
    {
        var m = new Lvbs.Hypervisor.Simulated.SimulatedMachine(new Lvbs.Hypervisor.Simulated.SimulatedMachineOptions());
        Assert.That(m.ArmIntercepts(0, new InterceptConfiguration { Set = InterceptSet.Xcr0Write }), Is.EqualTo(BindingStatus.Success));
        Assert.That(m.ArmIntercepts(0, new InterceptConfiguration { Set = (InterceptSet)(1u << 20) }), Is.EqualTo(BindingStatus.InvalidParameter));
        Assert.That(VpRegisters.InterceptFor(VpRegister.Xcr0), Is.EqualTo(InterceptSet.Xcr0Write));
        Assert.That(VpRegisters.IsDefined(VpRegister.Xcr0), Is.True);
    }
}
