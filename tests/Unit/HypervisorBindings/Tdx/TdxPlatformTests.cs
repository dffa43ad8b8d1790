using System;
using System.Buffers.Binary;
using System.Linq;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Tdx.Backend;
using Lvbs.Hypervisor.Tdx.Definitions;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings.Tdx;

/// <summary>TDX partitioning operations through the recording port.</summary>
public class TdxPlatformTests
{
    private const ulong RamEnd = 1UL << 30;
    private const ulong Vtl1Start = 0x1000_0000;
    private const ulong Vtl1End = 0x1100_0000;
    private RecordingTdxPort _port = null!;
    private TdxPlatform _tdx = null!;

    [SetUp]
    public void SetUp()
    {
        _port = new RecordingTdxPort();
        _tdx = new TdxPlatform(_port, 1, RamEnd, Vtl1Start, Vtl1End);
    }

    [Test]
    public void AttrWrPerPageOnVm1Field()
    {
        var text = VtlPermissions.Read | VtlPermissions.KernelExecute | VtlPermissions.UserExecute;
        Assert.That(_tdx.SetLowerVtlPermissions(0x200, 2, text), Is.EqualTo(BindingStatus.Success));
        Assert.That(_port.Calls, Has.Count.EqualTo(2));
        TdcallRegisters c = _port.Calls[1];
        Assert.That(c.Rax, Is.EqualTo(24UL));
        Assert.That(c.Rcx, Is.EqualTo(0x201000UL), "4 KiB level 0 | GPA");
        Assert.That(c.Rdx, Is.EqualTo(0x800D_0000UL), "VALID|XU|XS|R in VM1's field");
        Assert.That(c.R8, Is.EqualTo(0x80FF_0000UL), "attribute mask + INVEPT for VM1 only");

        var vm2 = new TdxPlatform(_port, 2, RamEnd, Vtl1Start, Vtl1End);
        Assert.That(vm2.SetLowerVtlPermissions(0x200, 1, VtlPermissions.None), Is.EqualTo(BindingStatus.Success));
        Assert.That(_port.Calls[^1].Rdx, Is.Zero, "no access: attributes 0");
        Assert.That(_port.Calls[^1].R8, Is.EqualTo(0x80FF_0000_0000UL));
    }

    [Test]
    public void AttrInvalidAndRefusals()
    {
        _port.Respond = r => new TdcallRegisters { Rax = 0xC0000B11UL << 32 };
        Assert.That(_tdx.SetLowerVtlPermissions(0x200, 3, VtlPermissions.Read), Is.EqualTo(BindingStatus.InvalidPermissions));
        Assert.That(_port.Calls, Has.Count.EqualTo(1));
        _port.Calls.Clear();
        Assert.That(_tdx.SetLowerVtlPermissions(0x200, 1, VtlPermissions.All), Is.EqualTo(BindingStatus.InvalidPermissions));
        Assert.That(_tdx.SetLowerVtlPermissions(Vtl1Start >> 12, 1, VtlPermissions.Read), Is.EqualTo(BindingStatus.HigherVtlMemory));
        Assert.That(_port.Calls, Is.Empty);
    }

    [Test]
    public void LockRegsWritesGuestHostMasksAndMsrBitmap()
    {
        var c = new InterceptConfiguration
        {
            Set = InterceptSet.LvbsLockRegs,
            Cr0Mask = InterceptConfiguration.LvbsCr0Mask,
            Cr4Mask = InterceptConfiguration.LvbsCr4Mask,
        };
        Assert.That(_tdx.ArmIntercepts(0, c), Is.EqualTo(BindingStatus.Success));
        TdcallRegisters cr0 = _port.Calls[0];
        Assert.That(cr0.Rax, Is.EqualTo(10UL));
        Assert.That(cr0.Rdx, Is.EqualTo(TdxFieldCode.Vmcs(1, 0x6000, TdxFieldCode.Size64)));
        Assert.That(cr0.R8, Is.EqualTo(0x80010001UL));
        Assert.That(cr0.R9, Is.EqualTo(ulong.MaxValue));
        Assert.That(_port.Calls[1].Rdx & 0xFFFFFF, Is.EqualTo(0x6002UL));
        Assert.That(_port.Calls[1].R8, Is.EqualTo(~0x21C0UL));
        Assert.That(_port.Calls[2].Rdx & 0xFFFFFF, Is.EqualTo(0x401EUL));
        Assert.That(_port.Calls[2].R8, Is.EqualTo(4UL), "descriptor-table exiting");
        Assert.That(_port.Calls[2].R9, Is.EqualTo(4UL), "only that bit");
        // 9 MSRs: EFER/STAR/LSTAR/CSTAR/SFMASK in the high write bitmap, APIC_BASE/SYSENTER_* in the low one.
        var msrWrites = _port.Calls.Skip(3).ToArray();
        Assert.That(msrWrites, Has.Length.EqualTo(9));
        Assert.That(msrWrites.All(w => w.Rdx >> 56 == 37), Is.True);
        // LSTAR 0xC0000082: byte 0xC00 + 0x10 = 0xC10 → qword 0x182, bit (0 * 8) + 2.
        Assert.That(msrWrites.Any(w => (w.Rdx & 0xFFFFFF) == 0x182 && w.R8 == 1UL << 2), Is.True);
        // SYSENTER_CS 0x174: byte 0x800 + 0x2E = 0x82E → qword 0x105, bit (6 * 8) + 4.
        Assert.That(msrWrites.Any(w => (w.Rdx & 0xFFFFFF) == 0x105 && w.R8 == 1UL << 52), Is.True);

        Assert.That(_tdx.ArmIntercepts(1, c), Is.EqualTo(BindingStatus.InvalidParameter), "TDCALL acts on the current VP only");
    }

    [Test]
    public void RegistersFromGuestStateAndVmcs()
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_port.GuestState.AsSpan(136), 0xFFFF_FFFF_8100_0000);
        Assert.That(_tdx.ReadRegister(0, VpRegister.Rip, out ulong rip), Is.EqualTo(BindingStatus.Success));
        Assert.That(rip, Is.EqualTo(0xFFFF_FFFF_8100_0000));
        Assert.That(_port.Calls, Is.Empty);

        _port.Respond = r => new TdcallRegisters { R8 = 0x8005_0033 };
        Assert.That(_tdx.ReadRegister(0, VpRegister.Cr0, out ulong cr0), Is.EqualTo(BindingStatus.Success));
        Assert.That(cr0, Is.EqualTo(0x8005_0033));
        Assert.That(_port.Calls[0].Rax, Is.EqualTo(9UL));
        Assert.That(_port.Calls[0].Rdx, Is.EqualTo(TdxFieldCode.Vmcs(1, 0x6800, TdxFieldCode.Size64)));
        Assert.That(_tdx.ReadRegister(0, VpRegister.Lstar, out _), Is.EqualTo(BindingStatus.InvalidParameter), "not in the VMCS");
        Assert.That(_tdx.WriteRegister(0, VpRegister.TrSelector, 0x40), Is.EqualTo(BindingStatus.Success));
        Assert.That(_port.Calls[^1].Rdx, Is.EqualTo(TdxFieldCode.Vmcs(1, 0x080E, TdxFieldCode.Size16)));
    }

    [Test]
    public void InjectionWritesEntryInterruptInfo()
    {
        Assert.That(_tdx.InjectException(0, ExceptionEvent.GeneralProtectionFault()), Is.EqualTo(BindingStatus.Success));
        Assert.That(_port.Calls[0].Rdx & 0xFFFFFF, Is.EqualTo(0x4018UL));
        Assert.That(_port.Calls[1].Rdx & 0xFFFFFF, Is.EqualTo(0x4016UL));
        Assert.That(_port.Calls[1].R8, Is.EqualTo(0x8000_0B0DUL));
        Assert.That(_tdx.InjectException(0, new ExceptionEvent { Vector = 99 }), Is.EqualTo(BindingStatus.InvalidParameter));
    }

    [Test]
    public void StartVpIsHonestlyUnsupported()
    {
        Assert.That(_tdx.StartVp(0, new InitialVpContext { Rflags = 2, Rip = 1 }), Is.EqualTo(BindingStatus.NotSupported));
        Assert.That(_tdx.Capabilities.Get(Capability.VpStartup).Level, Is.EqualTo(CapabilityLevel.None));
    }
}
