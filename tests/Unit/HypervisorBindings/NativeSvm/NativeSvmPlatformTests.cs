using System;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.NativeSvm.Backend;
using Lvbs.Hypervisor.NativeSvm.Definitions;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.HypervisorBindings.NativeSvm;

public unsafe class NativeSvmPlatformTests
{
    private const ulong RamEnd = 0x20_0000 + 16 * 4096;
    private const ulong HigherStart = 0x10_0000;
    private const ulong HigherEnd = 0x20_0000;

    private NativeHostPages _pages = null!;
    private NativeHostPages _guestRam = null!;
    private RecordingSvmPort _port = null!;

    [SetUp]
    public void SetUp()
    {
        _pages = new NativeHostPages(64);
        _guestRam = new NativeHostPages(16);
        _port = new RecordingSvmPort();
    }

    [TearDown]
    public void TearDown()
    {
        _pages.Dispose();
        _guestRam.Dispose();
    }

    private NativeSvmPlatform Create()
    {
        Assert.That(NativeSvmPlatform.TryCreate(_port, _pages, RamEnd, HigherStart, HigherEnd, out NativeSvmPlatform? p, out string problem),
            Is.EqualTo(BindingStatus.Success), problem);
        Assert.That(p!.MapGuestMemory(0x20_0000, _guestRam.AllocateZeroedPages(16), 16, VtlPermissions.All), Is.EqualTo(BindingStatus.Success));
        return p;
    }

    private static Vmcb VmcbOf(NativeSvmPlatform p) => new Vmcb(p.VmcbPhysicalAddress);

    [Test]
    public void WhenCpuLacksSvm_ResultNotSupportedAndNothingWritten()
    {
        _port.ExtendedEcx = 0;
        BindingStatus s = NativeSvmPlatform.TryCreate(_port, _pages, RamEnd, HigherStart, HigherEnd, out NativeSvmPlatform? p, out string problem);
        Assert.Multiple(() =>
        {
            Assert.That(s, Is.EqualTo(BindingStatus.NotSupported));
            Assert.That(p, Is.Null);
            Assert.That(problem, Does.Contain("SVM"));
            Assert.That(_port.Efer & SvmArchitecture.EferSvme, Is.Zero);
            Assert.That(_pages.Used, Is.Zero);
        });
    }

    [Test]
    public void WhenCpuHasSvmButNoNestedPaging_ResultNotSupported()
    {
        _port.SvmEdx = 0; // qemu64: SVM without NPT (native-svm-under-qemu.md pitfall 1)
        BindingStatus s = NativeSvmPlatform.TryCreate(_port, _pages, RamEnd, HigherStart, HigherEnd, out _, out string problem);
        Assert.That(s, Is.EqualTo(BindingStatus.NotSupported));
        Assert.That(problem, Does.Contain("nested paging"));
    }

    [Test]
    public void WhenCreated_SvmIsEnabledAndTheVmcbUsesNestedPaging()
    {
        NativeSvmPlatform p = Create();
        Vmcb v = VmcbOf(p);
        Assert.Multiple(() =>
        {
            Assert.That(_port.Efer & SvmArchitecture.EferSvme, Is.Not.Zero);
            Assert.That(_port.HostSavePa, Is.Not.Zero);
            Assert.That(v.Read64(VmcbOffsets.NestedControl) & 1, Is.EqualTo(1));
            Assert.That(v.Read64(VmcbOffsets.NestedCr3), Is.Not.Zero);
            Assert.That(v.Read32(VmcbOffsets.GuestAsid), Is.Not.Zero, "ASID 0 is the host's");
            Assert.That(v.Read32(VmcbOffsets.InterceptMisc2) & (uint)SvmMisc2Intercept.Vmrun, Is.Not.Zero, "VMRUN intercept is mandatory");
        });
    }

    [Test]
    public void WhenProtected_TheNestedEntryLosesWriteAndExecute()
    {
        NativeSvmPlatform p = Create();
        Assert.That(p.SetLowerVtlPermissions(0x202, 1, VtlPermissions.Read), Is.EqualTo(BindingStatus.Success));
        Assert.That(p.TryGetPermissions(0x20_2000, out VtlPermissions perms), Is.True);
        Assert.That(perms, Is.EqualTo(VtlPermissions.Read));
        Assert.That(p.TryGetPermissions(0x20_3000, out VtlPermissions neighbour), Is.True);
        Assert.That(neighbour, Is.EqualTo(VtlPermissions.All), "only the requested page changes");
    }

    [TestCase(VtlPermissions.Write | VtlPermissions.Read | VtlPermissions.KernelExecute | VtlPermissions.UserExecute, BindingStatus.InvalidPermissions, TestName = "WriteWithExecute")]
    [TestCase(VtlPermissions.Write, BindingStatus.InvalidPermissions, TestName = "WriteWithoutRead")]
    [TestCase(VtlPermissions.Read | VtlPermissions.KernelExecute, BindingStatus.InvalidPermissions, TestName = "KernelExecuteWithoutUser")]
    public void WhenPermissionsAreRefused_NothingChanges(VtlPermissions permissions, BindingStatus expected)
    {
        NativeSvmPlatform p = Create();
        Assert.That(p.SetLowerVtlPermissions(0x202, 1, permissions), Is.EqualTo(expected));
        p.TryGetPermissions(0x20_2000, out VtlPermissions perms);
        Assert.That(perms, Is.EqualTo(VtlPermissions.All));
    }

    [TestCase(0x100UL, 1UL, BindingStatus.HigherVtlMemory, TestName = "OverlapsTheSecureKernel")]
    [TestCase(0x20FUL, 2UL, BindingStatus.OutOfRange, TestName = "RunsPastGuestRam")]
    [TestCase(0xFFFF_FFFF_FFFF_FUL, 2UL, BindingStatus.OutOfRange, TestName = "PfnOverflow")]
    public void WhenRangeIsBad_ProtectionIsRefused(ulong pfn, ulong count, BindingStatus expected)
    {
        NativeSvmPlatform p = Create();
        Assert.That(p.SetLowerVtlPermissions(pfn, count, VtlPermissions.Read), Is.EqualTo(expected));
    }

    [Test]
    public void GuestMemoryCopiesCrossPagesAndRefuseTheSecureKernel()
    {
        NativeSvmPlatform p = Create();
        byte[] data = new byte[6000];
        new Random(5).NextBytes(data);
        Assert.That(p.Write(0x20_0F00, data), Is.EqualTo(BindingStatus.Success));
        byte[] back = new byte[6000];
        Assert.That(p.Read(0x20_0F00, back), Is.EqualTo(BindingStatus.Success));
        Assert.That(back, Is.EqualTo(data));
        Assert.That(p.Read(0x10_0000, new byte[8]), Is.EqualTo(BindingStatus.HigherVtlMemory));
        Assert.That(p.Write(RamEnd - 4, new byte[8]), Is.EqualTo(BindingStatus.OutOfRange));
    }

    [Test]
    public void WhenRegistersAreLocked_MsrWritesAndControlRegistersAreIntercepted()
    {
        NativeSvmPlatform p = Create();
        InterceptConfiguration c = default;
        c.Set = InterceptSet.LvbsLockRegs;
        Assert.That(p.ArmIntercepts(0, c), Is.EqualTo(BindingStatus.Success));
        Vmcb v = VmcbOf(p);
        byte* msrpm = (byte*)v.Read64(VmcbOffsets.MsrpmBasePa);
        // EFER = 0xC0000080: second block (0x800), index 0x80, write bit 2*0x80+1 = 257.
        Assert.Multiple(() =>
        {
            Assert.That(msrpm[0x800 + 257 / 8] & (1 << (257 % 8)), Is.Not.Zero, "EFER write");
            Assert.That(msrpm[0x800 + 256 / 8] & (1 << (256 % 8)), Is.Not.Zero, "EFER read is emulated (hides SVME)");
            Assert.That(msrpm[0x800 + (0x82 * 2) / 8] & (1 << ((0x82 * 2) % 8)), Is.Zero, "LSTAR read stays direct");
            Assert.That(msrpm[(0x1B * 2 + 1) / 8] & (1 << ((0x1B * 2 + 1) % 8)), Is.Not.Zero, "APIC_BASE write");
            Assert.That(v.Read32(VmcbOffsets.InterceptCr) & (1u << 16), Is.Not.Zero, "CR0 write");
            Assert.That(v.Read32(VmcbOffsets.InterceptCr) & (1u << 20), Is.Not.Zero, "CR4 write");
            Assert.That(v.Read32(VmcbOffsets.InterceptMisc1) & (uint)SvmMisc1Intercept.IdtrWrite, Is.Not.Zero, "IDTR write");
        });
    }

    [Test]
    public void WhenGuestExecutesVmmcall_TheEntryCarriesTheLvbsRegistersAndTheResultGoesToR8()
    {
        NativeSvmPlatform p = Create();
        p.StartVp(0, new InitialVpContext { Rip = 0x20_0000, Cr0 = 0x8001_0033 });
        int step = 0;
        _port.OnRun = (vmcb, ctx) =>
        {
            SvmGuestContext* c = (SvmGuestContext*)ctx;
            Vmcb v = new Vmcb(vmcb);
            if (step++ == 0)
            {
                c->Rdi = 0x1FFE4;
                c->Rsi = 0x20_5000;
                c->Rdx = 3;
                c->R8 = 7;
                v.Write64(VmcbOffsets.ExitCode, (ulong)SvmExitCode.Vmmcall);
            }
            else
            {
                v.Write64(VmcbOffsets.ExitCode, (ulong)SvmExitCode.Shutdown);
            }
        };
        Assert.That(p.ReturnToLower(0, 0, out VtlEntry entry), Is.EqualTo(BindingStatus.Success));
        Assert.Multiple(() =>
        {
            Assert.That(entry.Reason, Is.EqualTo(VtlEntryReason.Call));
            Assert.That(entry.Call.FunctionId, Is.EqualTo(0x1FFE4));
            Assert.That((entry.Call.Arg1, entry.Call.Arg2, entry.Call.Arg3), Is.EqualTo((0x20_5000UL, 3UL, 7UL)));
        });
        Assert.That(p.ReturnToLower(0, -1, out _), Is.EqualTo(BindingStatus.HardwareFailure));
        p.ReadRegister(0, VpRegister.R8, out ulong r8);
        p.ReadRegister(0, VpRegister.Rip, out ulong rip);
        Assert.Multiple(() =>
        {
            Assert.That((long)r8, Is.EqualTo(-1), "result in R8");
            Assert.That(rip, Is.EqualTo(0x20_0003), "VMMCALL skipped");
            Assert.That(p.StopReason, Is.EqualTo(SvmStopReason.Shutdown));
        });
    }

    [Test]
    public void WhenGuestWritesCr0_TheInterceptCarriesTheDecodedValueAndLength()
    {
        NativeSvmPlatform p = Create();
        // Guest paging off: RIP is a guest-physical address. mov cr0, rbx = 0F 22 C3.
        p.Write(0x20_0100, new byte[] { 0x0F, 0x22, 0xC3 });
        p.StartVp(0, new InitialVpContext { Rip = 0x20_0100, Cr0 = 0x11 });
        _port.OnRun = (vmcb, ctx) =>
        {
            ((SvmGuestContext*)ctx)->Rbx = 0x8000_0011;
            new Vmcb(vmcb).Write64(VmcbOffsets.ExitCode, (ulong)SvmExitCode.WriteCr0);
        };
        Assert.That(p.ReturnToLower(0, 0, out VtlEntry entry), Is.EqualTo(BindingStatus.Success));
        Assert.Multiple(() =>
        {
            Assert.That(entry.Intercept.Kind, Is.EqualTo(InterceptKind.ControlRegisterWrite));
            Assert.That(entry.Intercept.Register, Is.EqualTo(VpRegister.Cr0));
            Assert.That(entry.Intercept.Value, Is.EqualTo(0x8000_0011));
            Assert.That(entry.Intercept.InstructionLength, Is.EqualTo(3));
            Assert.That(entry.Intercept.Rip, Is.EqualTo(0x20_0100));
        });
    }

    [Test]
    public void WhenNestedPageFaultOnWrite_TheInterceptNamesGpaAndAccess()
    {
        NativeSvmPlatform p = Create();
        p.StartVp(0, new InitialVpContext { Rip = 0x20_0000 });
        _port.OnRun = (vmcb, ctx) =>
        {
            Vmcb v = new Vmcb(vmcb);
            v.Write64(VmcbOffsets.ExitCode, (ulong)SvmExitCode.NestedPageFault);
            v.Write64(VmcbOffsets.ExitInfo1, 0x1_0000_0007); // P|W|U, final GPA (native-svm-under-qemu.md §2.3)
            v.Write64(VmcbOffsets.ExitInfo2, 0x20_2000);
        };
        p.ReturnToLower(0, 0, out VtlEntry entry);
        Assert.That((entry.Intercept.Kind, entry.Intercept.Gpa, entry.Intercept.Access),
            Is.EqualTo((InterceptKind.GpaAccess, 0x20_2000UL, MemoryAccess.Write)));
    }

    [Test]
    public void WhenInjectingGeneralProtection_EventInjEncodesAValidExceptionWithErrorCode()
    {
        NativeSvmPlatform p = Create();
        Assert.That(p.InjectException(0, ExceptionEvent.GeneralProtectionFault()), Is.EqualTo(BindingStatus.Success));
        Assert.That(VmcbOf(p).Read64(VmcbOffsets.EventInjection), Is.EqualTo(13UL | (3UL << 8) | (1UL << 11) | (1UL << 31)));
        Assert.That(p.InjectException(0, new ExceptionEvent { Vector = 40 }), Is.EqualTo(BindingStatus.InvalidParameter));
    }

    [Test]
    public void GuestSeesEferWithoutSvmeThoughVmrunNeedsIt()
    {
        NativeSvmPlatform p = Create();
        p.StartVp(0, new InitialVpContext { Efer = 0xD01 });
        Assert.That(VmcbOf(p).Read64(VmcbOffsets.Efer) & SvmArchitecture.EferSvme, Is.Not.Zero);
        p.ReadRegister(0, VpRegister.Efer, out ulong efer);
        Assert.That(efer, Is.EqualTo(0xD01));
    }
}

public unsafe class NestedPageTableTests
{
    [Test]
    public void WhenA4KPageInsideA2MPageIsProtected_OnlyThatPageChanges()
    {
        using NativeHostPages pages = new NativeHostPages(16);
        NestedPageTable npt = new NestedPageTable(pages);
        Assert.That(npt.MapLarge(0x4000_0000, 0x4000_0000, 2, VtlPermissions.All), Is.EqualTo(BindingStatus.Success));
        Assert.That(npt.Protect(0x4000_5000 >> 12, 1, VtlPermissions.Read), Is.EqualTo(BindingStatus.Success));
        Assert.Multiple(() =>
        {
            Assert.That(npt.TryTranslate(0x4000_5123, out ulong hpa, out VtlPermissions p), Is.True);
            Assert.That((hpa, p), Is.EqualTo((0x4000_5123UL, VtlPermissions.Read)));
            Assert.That(npt.TryTranslate(0x4000_6000, out _, out VtlPermissions neighbour), Is.True);
            Assert.That(neighbour, Is.EqualTo(VtlPermissions.All), "the rest of the split page keeps its permissions");
            Assert.That(npt.TryTranslate(0x4020_0000, out ulong second, out VtlPermissions secondPerms), Is.True);
            Assert.That((second, secondPerms), Is.EqualTo((0x4020_0000UL, VtlPermissions.All)), "the next 2 MiB page is untouched");
        });
    }

    [Test]
    public void WhenUnmapped_ProtectChangesNothingAndTranslateFails()
    {
        using NativeHostPages pages = new NativeHostPages(16);
        NestedPageTable npt = new NestedPageTable(pages);
        npt.Map(0x1000, 0x1000, 1, VtlPermissions.All);
        Assert.That(npt.Protect(0x1, 2, VtlPermissions.Read), Is.EqualTo(BindingStatus.OutOfRange));
        npt.TryTranslate(0x1000, out _, out VtlPermissions p);
        Assert.That(p, Is.EqualTo(VtlPermissions.All));
        Assert.That(npt.TryTranslate(0x2000, out _, out _), Is.False);
        Assert.That(npt.MapLarge(0x1000, 0, 1, VtlPermissions.All), Is.EqualTo(BindingStatus.Unaligned));
    }
}
