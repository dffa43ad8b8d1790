using System;
using System.Buffers.Binary;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.HyperV.Backend;
using Lvbs.Hypervisor.HyperV.Definitions;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings.HyperV;

/// <summary>Each Hyper-V operation, checked byte for byte through the recording port.</summary>
public class HyperVPlatformTests
{
    private const ulong RamEnd = 1UL << 32;
    private const ulong Vtl1Start = 0x8000_0000;
    private const ulong Vtl1End = 0x8100_0000;
    private RecordingHyperVPort _port = null!;
    private HyperVPlatform _hv = null!;

    private static ulong U64(byte[] b, int off) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(off));

    private static uint U32(byte[] b, int off) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(off));

    [SetUp]
    public void SetUp()
    {
        _port = new RecordingHyperVPort();
        _hv = new HyperVPlatform(_port, 4, RamEnd, Vtl1Start, Vtl1End, mbecEnabled: true);
    }

    [Test]
    public void ProtectionIsBatchedAt510PagesPerCall()
    {
        var perm = VtlPermissions.Read | VtlPermissions.KernelExecute | VtlPermissions.UserExecute;
        Assert.That(_hv.SetLowerVtlPermissions(0x1000, 1000, perm), Is.EqualTo(BindingStatus.Success));
        Assert.That(_port.Calls, Has.Count.EqualTo(2));
        (ulong c0, byte[] in0) = _port.Calls[0];
        (ulong c1, byte[] in1) = _port.Calls[1];
        Assert.That(c0, Is.EqualTo(0x000CUL | (510UL << 32)));
        Assert.That(c1, Is.EqualTo(0x000CUL | (490UL << 32)));
        Assert.That(U64(in0, 0), Is.EqualTo(ulong.MaxValue), "partition SELF");
        Assert.That(U32(in0, 8), Is.EqualTo(0xDu), "R|KX|UX");
        Assert.That(in0[12], Is.EqualTo(0), "input VTL = current");
        Assert.That(U64(in0, 16), Is.EqualTo(0x1000));
        Assert.That(U64(in0, 16 + (509 * 8)), Is.EqualTo(0x1000 + 509));
        Assert.That(U64(in1, 16), Is.EqualTo(0x1000 + 510));
        Assert.That(U64(in1, 16 + (489 * 8)), Is.EqualTo(0x1000 + 999));
    }

    [Test]
    public void PartialCompletionIsReissuedFromRepsCompleted()
    {
        _port.Results.Enqueue(200UL << 32);
        Assert.That(_hv.SetLowerVtlPermissions(0x10, 300, VtlPermissions.Read | VtlPermissions.UserExecute), Is.EqualTo(BindingStatus.Success));
        Assert.That(_port.Calls, Has.Count.EqualTo(2));
        Assert.That(_port.Calls[1].Control, Is.EqualTo(0x000CUL | (300UL << 32) | (200UL << 48)));
    }

    [Test]
    public void ErrorStatusStopsAndNoProgressFails()
    {
        _port.Results.Enqueue(0x5);
        Assert.That(_hv.SetLowerVtlPermissions(0x10, 1000, VtlPermissions.Read), Is.EqualTo(BindingStatus.InvalidParameter));
        Assert.That(_port.Calls, Has.Count.EqualTo(1));

        _port.Results.Enqueue(0);
        Assert.That(_hv.SetLowerVtlPermissions(0x10, 5, VtlPermissions.Read), Is.EqualTo(BindingStatus.HardwareFailure));
    }

    [Test]
    public void RefusedRequestsIssueNoHypercall()
    {
        Assert.That(_hv.SetLowerVtlPermissions(0x10, 1, VtlPermissions.All), Is.EqualTo(BindingStatus.InvalidPermissions));
        Assert.That(_hv.SetLowerVtlPermissions((Vtl1Start >> 12) - 1, 2, VtlPermissions.Read), Is.EqualTo(BindingStatus.HigherVtlMemory));
        Assert.That(_hv.SetLowerVtlPermissions(RamEnd >> 12, 1, VtlPermissions.Read), Is.EqualTo(BindingStatus.OutOfRange));
        var noMbec = new HyperVPlatform(_port, 1, RamEnd, Vtl1Start, Vtl1End, mbecEnabled: false);
        Assert.That(noMbec.SetLowerVtlPermissions(0x10, 1, VtlPermissions.Read | VtlPermissions.UserExecute), Is.EqualTo(BindingStatus.NotSupported));
        Assert.That(noMbec.Capabilities.Get(Capability.ExecuteSplit).Level, Is.EqualTo(CapabilityLevel.None));
        Assert.That(_port.Calls, Is.Empty);
    }

    [Test]
    public void LvbsLockRegsArmsOwnInterceptRegisters()
    {
        var c = new InterceptConfiguration
        {
            Set = InterceptSet.LvbsLockRegs,
            Cr0Mask = InterceptConfiguration.LvbsCr0Mask,
            Cr4Mask = InterceptConfiguration.LvbsCr4Mask,
        };
        Assert.That(_hv.ArmIntercepts(2, c), Is.EqualTo(BindingStatus.Success));
        (ulong control, byte[] input) = _port.Calls[0];
        Assert.That(control, Is.EqualTo(0x0051UL | (3UL << 32)));
        Assert.That(U32(input, 8), Is.EqualTo(2u), "vp index");
        Assert.That(input[12], Is.EqualTo(0), "VTL1's own registers");
        Assert.That(U32(input, 16), Is.EqualTo(0x000E0001u));
        Assert.That(U64(input, 32), Is.EqualTo(0x80010001UL));
        Assert.That(U32(input, 48), Is.EqualTo(0x000E0002u));
        Assert.That(U64(input, 64), Is.EqualTo(~0x21C0UL));
        Assert.That(U32(input, 80), Is.EqualTo(0x000E0000u));
        Assert.That(U64(input, 96), Is.EqualTo(0x7FD543UL), "CR0,CR4,LSTAR,STAR,CSTAR,APIC_BASE,EFER,GDTR..SFMASK write bits");
        Assert.That(_hv.ArmIntercepts(4, c), Is.EqualTo(BindingStatus.InvalidParameter));
    }

    [Test]
    public void ReadRegisterUsesExplicitVtl0()
    {
        _port.OnHypercall = (ctl, input, output) => BinaryPrimitives.WriteUInt64LittleEndian(output, 0x8005_0033);
        Assert.That(_hv.ReadRegister(1, VpRegister.Cr0, out ulong cr0), Is.EqualTo(BindingStatus.Success));
        Assert.That(cr0, Is.EqualTo(0x8005_0033));
        (ulong control, byte[] input) = _port.Calls[0];
        Assert.That(control, Is.EqualTo(0x0050UL | (1UL << 32)));
        Assert.That(input[12], Is.EqualTo(0x10));
        Assert.That(U32(input, 16), Is.EqualTo(0x00040000u));
        Assert.That(_hv.ReadRegister(1, (VpRegister)77, out _), Is.EqualTo(BindingStatus.InvalidParameter));
    }

    [Test]
    public void WritingGdtrBaseKeepsTheLimit()
    {
        _port.OnHypercall = (ctl, input, output) =>
        {
            BinaryPrimitives.WriteUInt64LittleEndian(output, 0x007F_0000_0000_0000);
            BinaryPrimitives.WriteUInt64LittleEndian(output.AsSpan(8), 0x1111);
        };
        Assert.That(_hv.WriteRegister(0, VpRegister.GdtrBase, 0xFFFF_FE00_0000_1000), Is.EqualTo(BindingStatus.Success));
        Assert.That(_port.Calls, Has.Count.EqualTo(2));
        byte[] set = _port.Calls[1].Input;
        Assert.That(U32(set, 16), Is.EqualTo(0x00070001u));
        Assert.That(U64(set, 32), Is.EqualTo(0x007F_0000_0000_0000UL));
        Assert.That(U64(set, 40), Is.EqualTo(0xFFFF_FE00_0000_1000UL));
    }

    [Test]
    public void InjectGpWritesPendingEvent0()
    {
        Assert.That(_hv.InjectException(3, ExceptionEvent.GeneralProtectionFault()), Is.EqualTo(BindingStatus.Success));
        byte[] input = _port.Calls[0].Input;
        Assert.That(input[12], Is.EqualTo(0x10));
        Assert.That(U32(input, 16), Is.EqualTo(0x00010004u));
        Assert.That(U64(input, 32), Is.EqualTo(0xD0101UL));
        Assert.That(_hv.InjectException(3, new ExceptionEvent { Vector = 40 }), Is.EqualTo(BindingStatus.InvalidParameter));
    }

    [Test]
    public void StartVpEncodesEnableVpVtl()
    {
        var ctx = new InitialVpContext
        {
            Rip = 0xFFFF_E200_0010_0000, Rsp = 0x5000, Rflags = 2, Cr0 = 0x8005_0033, Cr3 = 0x2000, Cr4 = 0xB0,
            Efer = 0xD01, Pat = 0x0007040600070406, CsSelector = 0x08, CsAttributes = 0x209B, DataSelector = 0x10,
            DataAttributes = 0x4093, TrSelector = 0x18, TrAttributes = 0x8B, GdtrBase = 0x1000, GdtrLimit = 0x1F,
        };
        Assert.That(_hv.StartVp(1, ctx), Is.EqualTo(BindingStatus.Success));
        (ulong control, byte[] input) = _port.Calls[0];
        Assert.That(control, Is.EqualTo(0x000FUL));
        Assert.That(U32(input, 8), Is.EqualTo(1u));
        Assert.That(input[12], Is.EqualTo(1), "target VTL1");
        Assert.That(U64(input, 16), Is.EqualTo(ctx.Rip));
        Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(input.AsSpan(16 + 24 + 12)), Is.EqualTo(0x08));
        Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(input.AsSpan(16 + 24 + 14)), Is.EqualTo(0x209B));
        Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(input.AsSpan(16 + 168 + 6)), Is.EqualTo(0x1F));
        Assert.That(U64(input, 16 + 176), Is.EqualTo(0x1000UL));
        Assert.That(U64(input, 16 + 192), Is.EqualTo(ctx.Cr0));
        Assert.That(U64(input, 16 + 216), Is.EqualTo(ctx.Pat));

        _port.Results.Enqueue(0x86);
        Assert.That(_hv.StartVp(1, ctx), Is.EqualTo(BindingStatus.AccessDenied));
        Assert.That(_hv.StartVp(9, ctx), Is.EqualTo(BindingStatus.InvalidParameter));
    }

    [Test]
    public void GuestMemoryChecksBeforeCopy()
    {
        _port.Physical[0x100] = 0x42;
        byte[] b = new byte[1];
        Assert.That(_hv.Read(0x100, b), Is.EqualTo(BindingStatus.Success));
        Assert.That(b[0], Is.EqualTo(0x42));
        Assert.That(_hv.Read(Vtl1Start, b), Is.EqualTo(BindingStatus.HigherVtlMemory));
        Assert.That(_hv.Write(RamEnd, b), Is.EqualTo(BindingStatus.OutOfRange));
        Assert.That(_hv.Read(0x20_0000, b), Is.EqualTo(BindingStatus.OutOfRange), "unmapped by the port");
    }
}
