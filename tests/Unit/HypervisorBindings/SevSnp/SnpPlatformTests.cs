using System;
using System.Buffers.Binary;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.SevSnp.Backend;
using Lvbs.Hypervisor.SevSnp.Definitions;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings.SevSnp;

/// <summary>SEV-SNP operations through the recording port.</summary>
public class SnpPlatformTests
{
    private const ulong RamEnd = 1UL << 30;
    private const ulong Vtl1Start = 0x1000_0000;
    private const ulong Vtl1End = 0x1100_0000;
    private RecordingSnpPort _port = null!;
    private SnpPlatform _snp = null!;

    private static ulong U64(byte[] b, int off) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(off));

    [SetUp]
    public void SetUp()
    {
        _port = new RecordingSnpPort();
        _snp = new SnpPlatform(_port, 2, 2, RamEnd, Vtl1Start, Vtl1End);
    }

    [Test]
    public void RmpAdjustPerPageWithSwappedExecuteBits()
    {
        var text = VtlPermissions.Read | VtlPermissions.KernelExecute | VtlPermissions.UserExecute;
        Assert.That(_snp.SetLowerVtlPermissions(0x100, 3, text), Is.EqualTo(BindingStatus.Success));
        Assert.That(_port.RmpAdjusts, Has.Count.EqualTo(3));
        Assert.That(_port.RmpAdjusts[0], Is.EqualTo((RecordingSnpPort.DirectMap + 0x100000, 0UL, 0xD02UL)));
        Assert.That(_port.RmpAdjusts[2].Rax, Is.EqualTo(RecordingSnpPort.DirectMap + 0x102000));

        Assert.That(SnpPlatform.EncodeAttributes(2, VtlPermissions.Read | VtlPermissions.UserExecute), Is.EqualTo(0x502UL), "UX is bit 10");
        Assert.That(SnpPlatform.EncodeAttributes(1, VtlPermissions.Read | VtlPermissions.Write), Is.EqualTo(0x301UL));
        Assert.That(SnpPlatform.EncodeAttributes(2, VtlPermissions.None), Is.EqualTo(0x2UL), "revoke");
    }

    [Test]
    public void RmpAdjustFailuresMapAndStop()
    {
        _port.RmpResults.Enqueue(0);
        _port.RmpResults.Enqueue(2);
        Assert.That(_snp.SetLowerVtlPermissions(0x100, 5, VtlPermissions.Read), Is.EqualTo(BindingStatus.AccessDenied));
        Assert.That(_port.RmpAdjusts, Has.Count.EqualTo(2));
        Assert.That(SnpPlatform.ToBinding(1), Is.EqualTo(BindingStatus.InvalidParameter));
        Assert.That(SnpPlatform.ToBinding(6), Is.EqualTo(BindingStatus.Unaligned));
        Assert.That(SnpPlatform.ToBinding(3), Is.EqualTo(BindingStatus.HardwareFailure));
    }

    [Test]
    public void RefusalsIssueNoInstruction()
    {
        Assert.That(_snp.SetLowerVtlPermissions(0x100, 1, VtlPermissions.All), Is.EqualTo(BindingStatus.InvalidPermissions));
        Assert.That(_snp.SetLowerVtlPermissions(Vtl1Start >> 12, 1, VtlPermissions.Read), Is.EqualTo(BindingStatus.HigherVtlMemory));
        Assert.That(_snp.SetLowerVtlPermissions(RamEnd >> 12, 1, VtlPermissions.Read), Is.EqualTo(BindingStatus.OutOfRange));
        Assert.That(_port.RmpAdjusts, Is.Empty);
    }

    [Test]
    public void RegisterInterceptsAreRefusedNotFaked()
    {
        var c = new InterceptConfiguration { Set = InterceptSet.Cr0Write, Cr0Mask = 0x10000 };
        Assert.That(_snp.ArmIntercepts(0, c), Is.EqualTo(BindingStatus.NotSupported));
        Assert.That(_snp.Capabilities.Require(Capability.ControlRegisterPinning, CapabilityLevel.Approximate), Is.EqualTo(BindingStatus.NotSupported));
        Assert.That(_snp.ArmIntercepts(0, default), Is.EqualTo(BindingStatus.Success));
    }

    [Test]
    public void RegistersLiveInTheLowerVmsa()
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_port.Vmsas[1].AsSpan(0x158), 0x8005_0033);
        Assert.That(_snp.ReadRegister(1, VpRegister.Cr0, out ulong cr0), Is.EqualTo(BindingStatus.Success));
        Assert.That(cr0, Is.EqualTo(0x8005_0033));
        Assert.That(_snp.WriteRegister(1, VpRegister.R9, 0x99), Is.EqualTo(BindingStatus.Success));
        Assert.That(U64(_port.Vmsas[1], 0x348), Is.EqualTo(0x99));
        Assert.That(_snp.WriteRegister(1, VpRegister.TrSelector, 0x40), Is.EqualTo(BindingStatus.Success));
        Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(_port.Vmsas[1].AsSpan(0x90)), Is.EqualTo(0x40));
        Assert.That(_snp.WriteRegister(1, VpRegister.Efer, 0x1D01), Is.EqualTo(BindingStatus.InvalidParameter), "SVME");
        Assert.That(_snp.ReadRegister(2, VpRegister.Cr0, out _), Is.EqualTo(BindingStatus.InvalidParameter));
        Assert.That(_snp.ReadRegister(0, (VpRegister)1000, out _), Is.EqualTo(BindingStatus.InvalidParameter));
    }

    [Test]
    public void InjectionNeedsAlternateInjection()
    {
        Assert.That(_snp.InjectException(0, ExceptionEvent.GeneralProtectionFault()), Is.EqualTo(BindingStatus.NotSupported));
        BinaryPrimitives.WriteUInt64LittleEndian(_port.Vmsas[0].AsSpan(0x3B0), SevFeatures.Snp | SevFeatures.AlternateInjection);
        Assert.That(_snp.InjectException(0, ExceptionEvent.GeneralProtectionFault()), Is.EqualTo(BindingStatus.Success));
        Assert.That(U64(_port.Vmsas[0], 0x3E0), Is.EqualTo(0x8000_0B0DUL));
        Assert.That(_snp.InjectException(0, new ExceptionEvent { Vector = 14, Parameter = 0xDEAD000 }), Is.EqualTo(BindingStatus.Success));
        Assert.That(U64(_port.Vmsas[0], 0x240), Is.EqualTo(0xDEAD000UL), "CR2 for #PF");
        Assert.That(_snp.InjectException(0, new ExceptionEvent { Vector = 32 }), Is.EqualTo(BindingStatus.InvalidParameter));
    }

    [Test]
    public void StartVpMakesVmsaAndIssuesApCreation()
    {
        _port.Msrs[SevFeatures.StatusMsr] = 0b111 | (1UL << 6); // SEV, ES, SNP, + feature bit 4 after >> 2
        var ctx = new InitialVpContext { Rip = 0x1234, Rsp = 0x8000, Rflags = 2, Cr0 = 0x8005_0033, Efer = 0xD00, CsSelector = 8, CsAttributes = 0x29B };
        byte[] g = new byte[4096];
        _port.OnVmgexit = () =>
        {
            _port.GhcbPage.CopyTo(g, 0);
            BinaryPrimitives.WriteUInt64LittleEndian(_port.GhcbPage.AsSpan(0x398), 0); // hypervisor: success
        };
        Assert.That(_snp.StartVp(1, ctx), Is.EqualTo(BindingStatus.Success));
        Assert.That(_port.RmpAdjusts[0], Is.EqualTo((RecordingSnpPort.DirectMap + RecordingSnpPort.NewVmsaGpa, 0UL, 0x10000UL)));
        byte[] v = _port.HigherVmsa;
        Assert.That(U64(v, 0x178), Is.EqualTo(0x1234));
        Assert.That(U64(v, 0xD0), Is.EqualTo(0xD00UL | (1UL << 12)), "runnable: EFER.SVME");
        Assert.That(v[0xCA], Is.EqualTo(0), "VMPL0");
        Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(v.AsSpan(0x10)), Is.EqualTo(8));
        Assert.That(U64(v, 0x3B0), Is.EqualTo(0b1UL | (1UL << 4)));
        Assert.That(U64(g, 0x390), Is.EqualTo(0x80000013UL));
        Assert.That(U64(g, 0x398), Is.EqualTo(0x1_0000_0001UL), "create, VMPL0, APIC id 1");
        Assert.That(U64(g, 0x3A0), Is.EqualTo(RecordingSnpPort.NewVmsaGpa));
        Assert.That(U64(g, 0x1F8), Is.EqualTo(0b1UL | (1UL << 4)));
        Assert.That(SnpGhcb.IsValid(g, 0x390) && SnpGhcb.IsValid(g, 0x398) && SnpGhcb.IsValid(g, 0x3A0) && SnpGhcb.IsValid(g, 0x1F8), Is.True);
        Assert.That(SnpGhcb.IsValid(g, 0x308), Is.False);
        Assert.That(_port.MsrWrites[^1], Is.EqualTo((0xC0010130u, RecordingSnpPort.GhcbGpa)));
        Assert.That(_port.Vmgexits, Is.EqualTo(1));

        _port.OnVmgexit = () => BinaryPrimitives.WriteUInt64LittleEndian(_port.GhcbPage.AsSpan(0x398), 1);
        Assert.That(_snp.StartVp(1, ctx), Is.EqualTo(BindingStatus.HardwareFailure));
        Assert.That(_snp.StartVp(1, new InitialVpContext()), Is.EqualTo(BindingStatus.InvalidParameter));
    }

    [Test]
    public void PvalidateOperands()
    {
        Assert.That(_snp.ValidatePage(0x5000, true), Is.EqualTo(BindingStatus.Success));
        Assert.That(_port.Pvalidates[0], Is.EqualTo((RecordingSnpPort.DirectMap + 0x5000, 0UL, 1UL)));
        _port.PvalidateCarry = true;
        Assert.That(_snp.ValidatePage(0x5000, false), Is.EqualTo(BindingStatus.HardwareFailure));
        Assert.That(_port.Pvalidates[1].Rdx, Is.Zero);
        Assert.That(_snp.ValidatePage(0x5001, true), Is.EqualTo(BindingStatus.Unaligned));
    }
}
