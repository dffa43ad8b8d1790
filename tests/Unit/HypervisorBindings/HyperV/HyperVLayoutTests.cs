using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Lvbs.Hypervisor.HyperV.Backend;
using Lvbs.Hypervisor.HyperV.Definitions;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings.HyperV;

/// <summary>Pins Hyper-V structs and constants to hypervisor-backends.md §1.1 and lvbs-abi.md §5.</summary>
public class HyperVLayoutTests
{
    private static int Off<T>(string f) => (int)Marshal.OffsetOf<T>(f);

    [Test]
    public void StructSizesAndOffsets()
    {
        Assert.That(Unsafe.SizeOf<HvModifyVtlProtectionMaskHeader>(), Is.EqualTo(16));
        Assert.That(Off<HvModifyVtlProtectionMaskHeader>(nameof(HvModifyVtlProtectionMaskHeader.MapFlags)), Is.EqualTo(8));
        Assert.That(Off<HvModifyVtlProtectionMaskHeader>(nameof(HvModifyVtlProtectionMaskHeader.TargetVtl)), Is.EqualTo(12));
        Assert.That(Unsafe.SizeOf<HvGetSetVpRegistersHeader>(), Is.EqualTo(16));
        Assert.That(Off<HvGetSetVpRegistersHeader>(nameof(HvGetSetVpRegistersHeader.VpIndex)), Is.EqualTo(8));
        Assert.That(Off<HvGetSetVpRegistersHeader>(nameof(HvGetSetVpRegistersHeader.TargetVtl)), Is.EqualTo(12));
        Assert.That(Unsafe.SizeOf<HvRegisterAssoc>(), Is.EqualTo(32));
        Assert.That(Off<HvRegisterAssoc>(nameof(HvRegisterAssoc.ValueLow)), Is.EqualTo(16));
        Assert.That(Unsafe.SizeOf<HvEnablePartitionVtlInput>(), Is.EqualTo(16));
        Assert.That(Off<HvEnablePartitionVtlInput>(nameof(HvEnablePartitionVtlInput.TargetVtl)), Is.EqualTo(8));
        Assert.That(Off<HvEnablePartitionVtlInput>(nameof(HvEnablePartitionVtlInput.Flags)), Is.EqualTo(9));
        Assert.That(Unsafe.SizeOf<HvX64SegmentRegister>(), Is.EqualTo(16));
        Assert.That(Off<HvX64SegmentRegister>(nameof(HvX64SegmentRegister.Selector)), Is.EqualTo(12));
        Assert.That(Off<HvX64SegmentRegister>(nameof(HvX64SegmentRegister.Attributes)), Is.EqualTo(14));
        Assert.That(Unsafe.SizeOf<HvX64TableRegister>(), Is.EqualTo(16));
        Assert.That(Off<HvX64TableRegister>(nameof(HvX64TableRegister.Limit)), Is.EqualTo(6));
        Assert.That(Off<HvX64TableRegister>(nameof(HvX64TableRegister.Base)), Is.EqualTo(8));
        Assert.That(Unsafe.SizeOf<HvInitialVpContextX64>(), Is.EqualTo(224));
        Assert.That(Off<HvInitialVpContextX64>(nameof(HvInitialVpContextX64.Cs)), Is.EqualTo(24));
        Assert.That(Off<HvInitialVpContextX64>(nameof(HvInitialVpContextX64.Ldtr)), Is.EqualTo(136));
        Assert.That(Off<HvInitialVpContextX64>(nameof(HvInitialVpContextX64.Idtr)), Is.EqualTo(152));
        Assert.That(Off<HvInitialVpContextX64>(nameof(HvInitialVpContextX64.Gdtr)), Is.EqualTo(168));
        Assert.That(Off<HvInitialVpContextX64>(nameof(HvInitialVpContextX64.Efer)), Is.EqualTo(184));
        Assert.That(Off<HvInitialVpContextX64>(nameof(HvInitialVpContextX64.MsrCrPat)), Is.EqualTo(216));
        Assert.That(HvEnableVpVtlHeader.InputSize, Is.EqualTo(240));
        Assert.That(Unsafe.SizeOf<HvEnableVpVtlHeader>(), Is.EqualTo(16));
        Assert.That(Unsafe.SizeOf<HvLowerGprs>(), Is.EqualTo(128));
        Assert.That(Off<HvLowerGprs>(nameof(HvLowerGprs.Rdi)), Is.EqualTo(7 * 8));
        Assert.That(Off<HvLowerGprs>(nameof(HvLowerGprs.R8)), Is.EqualTo(8 * 8));
    }

    [Test]
    public void HypercallCodes()
    {
        Assert.That((ushort)HypercallCode.ModifyVtlProtectionMask, Is.EqualTo(0x000C));
        Assert.That((ushort)HypercallCode.EnablePartitionVtl, Is.EqualTo(0x000D));
        Assert.That((ushort)HypercallCode.EnableVpVtl, Is.EqualTo(0x000F));
        Assert.That((ushort)HypercallCode.VtlCall, Is.EqualTo(0x0011));
        Assert.That((ushort)HypercallCode.VtlReturn, Is.EqualTo(0x0012));
        Assert.That((ushort)HypercallCode.InstallIntercept, Is.EqualTo(0x004D));
        Assert.That((ushort)HypercallCode.GetVpRegisters, Is.EqualTo(0x0050));
        Assert.That((ushort)HypercallCode.SetVpRegisters, Is.EqualTo(0x0051));
        Assert.That((ushort)HypercallCode.TranslateVirtualAddress, Is.EqualTo(0x0052));
        Assert.That((ushort)HypercallCode.AssertVirtualInterrupt, Is.EqualTo(0x0094));
        Assert.That((ushort)HypercallCode.StartVirtualProcessor, Is.EqualTo(0x0099));
        Assert.That((ushort)HvStatus.VtlAlreadyEnabled, Is.EqualTo(0x86));
        Assert.That(HvPartition.Self, Is.EqualTo(ulong.MaxValue));
        Assert.That(HvPartition.VpIndexSelf, Is.EqualTo(0xFFFFFFFE));
        Assert.That(HvPartition.MaxProtectionPagesPerCall, Is.EqualTo((4096 - 16) / 8));
    }

    [Test]
    public void RegisterIdsAndBits()
    {
        Assert.That((uint)HvRegisterName.VsmCodePageOffsets, Is.EqualTo(0x000D0002));
        Assert.That((uint)HvRegisterName.VsmPartitionConfig, Is.EqualTo(0x000D0007));
        Assert.That((uint)HvRegisterName.VsmVpSecureConfigVtl0, Is.EqualTo(0x000D0010));
        Assert.That((uint)HvRegisterName.CrInterceptControl, Is.EqualTo(0x000E0000));
        Assert.That((uint)HvRegisterName.CrInterceptCr0Mask, Is.EqualTo(0x000E0001));
        Assert.That((uint)HvRegisterName.CrInterceptCr4Mask, Is.EqualTo(0x000E0002));
        Assert.That((uint)HvRegisterName.PendingEvent0, Is.EqualTo(0x00010004));
        Assert.That((uint)HvRegisterName.Rip, Is.EqualTo(0x00020010));
        Assert.That((uint)HvRegisterName.R8, Is.EqualTo(0x00020008));
        Assert.That((uint)HvRegisterName.Cr4, Is.EqualTo(0x00040003));
        Assert.That((uint)HvRegisterName.Tr, Is.EqualTo(0x00060007));
        Assert.That((uint)HvRegisterName.Gdtr, Is.EqualTo(0x00070001));
        Assert.That((uint)HvRegisterName.Efer, Is.EqualTo(0x00080001));
        Assert.That((uint)HvRegisterName.Sfmask, Is.EqualTo(0x0008000B));
        Assert.That(HvMapGpaFlags.Readable | HvMapGpaFlags.Writable | HvMapGpaFlags.KernelExecutable | HvMapGpaFlags.UserExecutable, Is.EqualTo(0xF));
        Assert.That(HvMapGpaFlags.Adjustable, Is.EqualTo(0x8000));
        Assert.That(HvCrInterceptControl.GdtrWrite, Is.EqualTo(1UL << 15));
        Assert.That(HvCrInterceptControl.SfmaskWrite, Is.EqualTo(1UL << 22));
        Assert.That((uint)HvMessageType.GpaIntercept, Is.EqualTo(0x80000001));
        Assert.That((uint)HvMessageType.MsrIntercept, Is.EqualTo(0x80010001));
        Assert.That((uint)HvMessageType.RegisterIntercept, Is.EqualTo(0x80010006));
        Assert.That(HvSyntheticMsr.VpAssistPage, Is.EqualTo(0x40000073));
        Assert.That(HvVpAssistPage.EntryReasonOffset, Is.EqualTo(8));
        Assert.That(HvVpAssistPage.InterceptMessageOffset, Is.EqualTo(112));
        Assert.That(HvInputVtl.Vtl0, Is.EqualTo(0x10));
        Assert.That(HvInputVtl.Target(1), Is.EqualTo(0x11));
    }

    [Test]
    public void ControlWordEncoding()
    {
        Assert.That(HypercallControl.Encode(HypercallCode.ModifyVtlProtectionMask, 510, 0), Is.EqualTo(0x000C | (510UL << 32)));
        Assert.That(HypercallControl.Encode(HypercallCode.SetVpRegisters, 3, 2), Is.EqualTo(0x0051 | (3UL << 32) | (2UL << 48)));
        Assert.That(HypercallControl.Status(0x0000_01FE_0000_0005), Is.EqualTo(HvStatus.InvalidParameter));
        Assert.That(HypercallControl.RepsCompleted(0x0000_01FE_0000_0005), Is.EqualTo(510));
        Assert.That(HvPendingEvent.ExceptionLow(13, true, 0), Is.EqualTo(0xD0101UL));
    }
}
