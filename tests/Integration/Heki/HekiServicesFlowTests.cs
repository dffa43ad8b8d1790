using System;
using System.Collections.Generic;
using System.Text;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Hypervisor.Simulated.Vtl0;
using Lvbs.Kernel.Heki;
using Lvbs.Kernel.Heki.Modules;
using NUnit.Framework;

namespace Lvbs.Tests.Integration.Heki;

/// <summary>
/// LOAD_KDATA, VALIDATE_MODULE / FREE_MODULE_INIT / UNLOAD_MODULE, COPY_SECONDARY_KEY,
/// ALLOCATE_RINGBUFFER_MEMORY, SET_PLATFORM_ROOT_KEY and BOOT_APS issued by the simulated VTL0
/// driver against the real dispatcher; effects checked through VTL0 accesses and the simulated
/// second-level permissions.
/// </summary>
public class HekiServicesFlowTests
{
    private const ulong ModuleVa = 0xFFFF_FFFF_C000_0000;

    private SimulatedMachine _m = null!;
    private VsmDispatcher _d = null!;
    private HekiVtl0Driver _driver = null!;
    private SimulatedKernelImage _kernel = null!;

    [SetUp]
    public void SetUp()
    {
        _m = new SimulatedMachine(new SimulatedMachineOptions { VpCount = 4 });
        SimulatedMachineOptions o = _m.Options;
        _d = new VsmDispatcher(_m, new VsmDispatcherOptions
        {
            Vtl1Start = o.Vtl1Base,
            Vtl1End = o.Vtl1Base + o.Vtl1Size,
            LowerVtlRamEnd = o.RamSize,
            VpCount = o.VpCount,
            ApContext = new InitialVpContext { Rip = 0xFFFF_E200_0010_0000, Rsp = 0xFFFF_E200_0020_0000, Rflags = 2 },
        });
        _m.Vtl1 = _d;
        _driver = new HekiVtl0Driver(_m, 0x20_0000, 40UL << 20);
        _kernel = SimulatedKernelImage.Build(DebianKernelExports.Names);
    }

    [Test]
    public void LoadKdataBuildsTheKeyringAndTheKernelSymbolTable()
    {
        Assert.That(_driver.LoadKdata(_kernel, HekiTestData.DebianCert), Is.Zero);
        Assert.That(_d.Keyring.Current.Count, Is.EqualTo(1));
        Assert.That(_d.KernelData.Symbols!.Count, Is.EqualTo(DebianKernelExports.Names.Length));
        foreach (string name in DebianKernelExports.Names)
        {
            Assert.That(_d.KernelData.Symbols.TryResolve(Encoding.ASCII.GetBytes(name), out ulong a), Is.True, name);
            Assert.That(a, Is.EqualTo(_kernel.AddressOf(name)), name);
        }

        Assert.That(_d.KernelData.Symbols.TryResolve("no_such_symbol"u8, out _), Is.False);
        Assert.That(_driver.LoadKdata(_kernel, HekiTestData.DebianCert), Is.EqualTo(-(long)LinuxErrno.EBUSY));
    }

    [Test]
    public void LoadKdataWithABrokenCertificateChangesNothing()
    {
        byte[] cert = HekiTestData.DebianCert;
        cert[cert.Length / 2] ^= 0xFF;
        byte[] truncated = cert.AsSpan(0, cert.Length - 100).ToArray();
        Assert.That(_driver.LoadKdata(_kernel, truncated), Is.LessThan(0));
        Assert.That(_d.KernelData.Loaded, Is.False);
        Assert.That(_d.KernelData.Symbols, Is.Null);
        Assert.That(_d.Keyring.Current.Count, Is.Zero);
        // A good call afterwards still succeeds: nothing was half-committed.
        Assert.That(_driver.LoadKdata(_kernel, HekiTestData.DebianCert), Is.Zero);
    }

    [Test]
    public void LoadKdataAfterEndOfBootIsRefused()
    {
        Assert.That(_driver.SignalEndOfBoot(), Is.Zero);
        Assert.That(_driver.LoadKdata(_kernel, HekiTestData.DebianCert), Is.EqualTo(-(long)LinuxErrno.EPERM));
    }

    [TestCase("derived/tampered_body.ko", LinuxErrno.EKEYREJECTED)]
    [TestCase("derived/tampered_sig.ko", LinuxErrno.EKEYREJECTED)]
    [TestCase("derived/unsigned.ko", LinuxErrno.ENODATA)]
    [TestCase("derived/testkey_rsa4096_sha256.ko", LinuxErrno.ENOKEY)]
    public void BadlySignedModuleIsRefusedAndNothingChanges(string file, LinuxErrno expected)
    {
        UseLinuxAdmission();
        Assert.That(_driver.LoadKdata(_kernel, HekiTestData.DebianCert), Is.Zero);
        long r = _driver.ValidateModule(HekiTestData.Read(file), FakeRegions(), out HekiVtl0Driver.PlacedModule? placed);
        Assert.That(r, Is.EqualTo(-(long)expected));
        Assert.That(_d.Modules.Count, Is.Zero);
        foreach (KeyValuePair<ModMemType, ulong> kv in placed!.RegionPa)
        {
            ulong pfn = kv.Value >> 12;
            Assert.That(_d.ProtectedFrames.OwnerOf(pfn), Is.EqualTo(ProtectedFrames.Free));
            Assert.That(_m.Vtl0Permissions.Get(pfn), Is.EqualTo(VtlPermissions.All), kv.Key.ToString());
        }

        Assert.That(_m.Vtl0(0).Write(placed.RegionPa[ModMemType.Text], new byte[] { 0xCC }), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_d.Modules.NextToken, Is.Zero);
    }

    [Test]
    public void SignedModuleWithForgedRegionsIsRefusedAndItsFramesLoseExecute()
    {
        UseLinuxAdmission();
        Assert.That(_driver.LoadKdata(_kernel, HekiTestData.DebianCert), Is.Zero);
        long r = _driver.ValidateModule(HekiTestData.Read("modules/crc7.ko"), FakeRegions(), out HekiVtl0Driver.PlacedModule? placed);
        // The Debian signature verifies; the content validator refuses the forged regions.
        Assert.That(r, Is.LessThan(0));
        Assert.That(r, Is.Not.EqualTo(-(long)LinuxErrno.EKEYREJECTED));
        Assert.That(_d.Modules.Count, Is.Zero);
        ulong text = placed!.RegionPa[ModMemType.Text];
        Assert.That(_d.ProtectedFrames.OwnerOf(text >> 12), Is.EqualTo(ProtectedFrames.Free));
        Assert.That(_m.Vtl0(0).Write(text, new byte[] { 0x90 }), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_m.Vtl0(0).Execute(text, 1, userMode: false), Is.EqualTo(Vtl0Outcome.Faulted));
    }

    [Test]
    public void AdmittedModuleGetsWxorXPermissionsAndTransitions()
    {
        var admission = UseTestAdmission();
        Assert.That(_driver.AllocateRingbuffer(4, out ulong ring), Is.Zero);
        Assert.That(_driver.LoadKdata(_kernel, HekiTestData.DebianCert), Is.Zero);
        long token = _driver.ValidateModule(Ko("GOOD:_printk"), FakeRegions(), out HekiVtl0Driver.PlacedModule? p);
        Assert.That(token, Is.Zero);
        Assert.That(admission.Resolved["_printk"], Is.EqualTo(_kernel.AddressOf("_printk")));
        LoadedRegionsMatch(admission, p!);

        ulong text = p!.RegionPa[ModMemType.Text];
        ulong rodata = p.RegionPa[ModMemType.RoData];
        ulong data = p.RegionPa[ModMemType.Data];
        ulong initText = p.RegionPa[ModMemType.InitText];
        ulong roAfterInit = p.RegionPa[ModMemType.RoAfterInit];
        Assert.That(_m.Vtl0(0).Execute(text + 0x1000, 4, userMode: false), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_m.Vtl0(0).Write(text + 0x1000, new byte[] { 0xCC }), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_m.Vtl0(0).Write(rodata, new byte[] { 1 }), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_m.Vtl0(0).Execute(rodata, 1, userMode: false), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_m.Vtl0(0).Write(data, new byte[] { 1 }), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_m.Vtl0(0).Execute(data, 1, userMode: false), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_m.Vtl0(0).Write(roAfterInit, new byte[] { 1 }), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_m.Vtl0(0).Execute(initText, 1, userMode: false), Is.EqualTo(Vtl0Outcome.Completed));

        Assert.That(_driver.FreeModuleInit(token), Is.Zero);
        Assert.That(_m.Vtl0(0).Write(initText, new byte[] { 1 }), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_m.Vtl0(0).Execute(initText, 1, userMode: false), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_m.Vtl0(0).Write(roAfterInit, new byte[] { 1 }), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_d.ProtectedFrames.OwnerOf(initText >> 12), Is.EqualTo(ProtectedFrames.Free));
        Assert.That(_driver.FreeModuleInit(token), Is.EqualTo(-(long)LinuxErrno.EINVAL));

        Assert.That(_driver.UnloadModule(token), Is.Zero);
        Assert.That(_m.Vtl0(0).Write(text, new byte[] { 1 }), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_m.Vtl0(0).Execute(text, 1, userMode: false), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(_d.Modules.Count, Is.Zero);
        Assert.That(_driver.UnloadModule(token), Is.EqualTo(-(long)LinuxErrno.EINVAL));
        Assert.That(_driver.FreeModuleInit(12345), Is.EqualTo(-(long)LinuxErrno.EINVAL));

        // The log ring holds the admission, and VTL0 cannot write the ring.
        List<string> lines = ReadLog(ring);
        Assert.That(lines, Has.Some.StartsWith("module admitted token=0"));
        Assert.That(_m.Vtl0(0).Write(ring, new byte[] { 0 }), Is.EqualTo(Vtl0Outcome.Faulted));
        Assert.That(ReadLog(ring), Has.Some.StartsWith("refused vp=0"));
    }

    [Test]
    public void ModulesResolveEarlierModulesExportsAndTokensAreNeverReused()
    {
        var admission = UseTestAdmission();
        Assert.That(_driver.LoadKdata(_kernel, HekiTestData.DebianCert), Is.Zero);
        long a = _driver.ValidateModule(Ko("GOOD:_printk;vmbus_sendpacket=ffffffffc0001230"), FakeRegions(), out _);
        long b = _driver.ValidateModule(Ko("GOOD:vmbus_sendpacket,kfree"), FakeRegions(ModuleVa + 0x10_0000), out _);
        Assert.That((a, b), Is.EqualTo((0L, 1L)));
        Assert.That(admission.Resolved["vmbus_sendpacket"], Is.EqualTo(0xFFFF_FFFF_C000_1230UL));
        Assert.That(_driver.UnloadModule(a), Is.Zero);
        Assert.That(_driver.ValidateModule(Ko("GOOD:vmbus_sendpacket"), FakeRegions(), out _), Is.EqualTo(-(long)LinuxErrno.ENOENT));
        Assert.That(_driver.ValidateModule(Ko("GOOD:_printk"), FakeRegions(), out _), Is.EqualTo(2));
    }

    [Test]
    public void FramesOfAnotherModuleOrSealedByProtectMemoryAreRefused()
    {
        UseTestAdmission();
        long a = _driver.ValidateModule(Ko("GOOD:"), FakeRegions(), out HekiVtl0Driver.PlacedModule? p);
        Assert.That(a, Is.Zero);
        // A second module that names the first one's text frame.
        var ranges = new List<HekiRange>(p!.Ranges);
        Assert.That(_driver.ValidateModule(ranges.ToArray()), Is.EqualTo(-(long)LinuxErrno.EINVAL));
        // A frame sealed read-only by PROTECT_MEMORY.
        ulong sealedPa = _driver.Allocate(1);
        Assert.That(_driver.ProtectMemory(HekiVtl0Driver.RangesFor(sealedPa, 0x1000, (ulong)MemAttr.Read)), Is.Zero);
        var placed = _driver.PlaceModule(Ko("GOOD:"), FakeRegions(ModuleVa + 0x20_0000))!;
        HekiRange[] r = placed.Ranges.ToArray();
        int textIndex = Array.FindIndex(r, x => x.Attributes == (ulong)ModMemType.Text);
        r[textIndex].Pa = sealedPa;
        r[textIndex].Epa = sealedPa + 0x1000;
        Assert.That(_driver.ValidateModule(r), Is.EqualTo(-(long)LinuxErrno.EINVAL));
        Assert.That(_d.Modules.Count, Is.EqualTo(1));
    }

    [Test]
    public void ContentRefusalRollsBackTheFreeze()
    {
        var admission = UseTestAdmission();
        admission.ContentResult = (int)LinuxErrno.EACCES;
        long r = _driver.ValidateModule(Ko("GOOD:"), FakeRegions(), out HekiVtl0Driver.PlacedModule? p);
        Assert.That(r, Is.EqualTo(-(long)LinuxErrno.EACCES));
        foreach (ulong pa in p!.RegionPa.Values)
        {
            Assert.That(_d.ProtectedFrames.OwnerOf(pa >> 12), Is.EqualTo(ProtectedFrames.Free));
            Assert.That(_m.Vtl0(0).Write(pa, new byte[] { 1 }), Is.EqualTo(Vtl0Outcome.Completed));
        }

        Assert.That(_d.Modules.NextToken, Is.Zero);
        admission.ContentResult = 0;
        Assert.That(_driver.ValidateModule(p.Ranges.ToArray()), Is.Zero);
    }

    [Test]
    public void SecondaryKeysMustBeVouchedFor()
    {
        Assert.That(_driver.LoadKdata(_kernel, HekiTestData.DebianCert), Is.Zero);
        Assert.That(_driver.CopySecondaryKey(HekiTestData.Read("derived/testkey_rsa4096.x509")), Is.EqualTo(-(long)LinuxErrno.ENOKEY));
        Assert.That(_driver.CopySecondaryKey(HekiTestData.DebianCert), Is.Zero);
        Assert.That(_d.Keyring.Current.Count, Is.EqualTo(1));
        Assert.That(_driver.CopySecondaryKey(new byte[] { 0x30, 0x03, 1, 2 }), Is.LessThan(0));
    }

    [Test]
    public void PlatformRootKeyIsSetOnce()
    {
        byte[] key = new byte[32];
        for (int i = 0; i < key.Length; i++)
        {
            key[i] = (byte)(i * 7);
        }

        Assert.That(_driver.SetPlatformRootKey(key), Is.Zero);
        Assert.That(_driver.SetPlatformRootKey(new byte[32]), Is.EqualTo(-(long)LinuxErrno.EPERM));
        byte[] held = new byte[32];
        Assert.That(_d.RootKey.TryCopyTo(held), Is.True);
        Assert.That(held, Is.EqualTo(key));
        Assert.That(_driver.Call(0, VtlCallFunction.SetPlatformRootKey, _m.Options.Vtl1Base), Is.EqualTo(-(long)LinuxErrno.EPERM));
    }

    [Test]
    public void BootApsStartsEveryOnlineCpuAndSignalsIt()
    {
        ulong mask = _driver.Allocate(1);
        ulong signal = _driver.Allocate(1);
        Assert.That(_m.Vtl0(0).Write(mask, new byte[] { 0b1011 }), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_driver.BootAps(mask >> 12, signal >> 12), Is.Zero);
        Assert.That(_m.Vcpu(1).Vtl1Enabled && _m.Vcpu(3).Vtl1Enabled, Is.True);
        Assert.That(_m.Vcpu(2).Vtl1Enabled, Is.False);
        byte[] s = new byte[8];
        _m.Ram.Read(signal, s);
        Assert.That(s, Is.EqualTo(new byte[] { 0xDC, 0xDC, 0, 0xDC, 0, 0, 0, 0 }));
        // A CPU beyond the platform's VP count.
        Assert.That(_m.Vtl0(0).Write(mask, new byte[] { 0b1_0000 }), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_driver.BootAps(mask >> 12, signal >> 12), Is.EqualTo(-(long)LinuxErrno.EINVAL));
        Assert.That(_driver.Call(0, VtlCallFunction.EnableApsVtl, 0), Is.EqualTo(-(long)LinuxErrno.EFAULT));
        // LOCK_REGS then reaches every VP with VTL1 up.
        Assert.That(_driver.LockRegs(), Is.Zero);
    }

    private void UseLinuxAdmission()
    {
        _d.ModuleValidation.Admission = new LinuxModuleAdmission(_d.Keyring, () => new RejectAllWindows());
    }

    private AcceptingTestAdmission UseTestAdmission()
    {
        var a = new AcceptingTestAdmission();
        _d.ModuleValidation.Admission = a;
        return a;
    }

    private static byte[] Ko(string text) => Encoding.ASCII.GetBytes(text);

    private static List<HekiVtl0Driver.ModuleRegion> FakeRegions(ulong va = ModuleVa)
    {
        return new List<HekiVtl0Driver.ModuleRegion>
        {
            new(ModMemType.Text, va, Filled(0x2000, 0x90)),
            new(ModMemType.RoData, va + 0x4000, Filled(0x1000, 0x11)),
            new(ModMemType.Data, va + 0x6000, Filled(0x800, 0x22)),
            new(ModMemType.RoAfterInit, va + 0x8000, Filled(0x1000, 0x33)),
            new(ModMemType.InitText, va + 0xA000, Filled(0x1000, 0xC3)),
        };
    }

    private static byte[] Filled(int n, byte b)
    {
        byte[] x = new byte[n];
        Array.Fill(x, b);
        return x;
    }

    private static void LoadedRegionsMatch(AcceptingTestAdmission admission, HekiVtl0Driver.PlacedModule placed)
    {
        Lvbs.Kernel.Modules.LoadedModule seen = admission.Seen[^1];
        Assert.That(seen[ModMemType.Text]!.Va, Is.EqualTo(ModuleVa));
        Assert.That(seen[ModMemType.Text]!.Bytes.Length, Is.EqualTo(0x2000));
        Assert.That(seen[ModMemType.Data]!.Bytes.Length, Is.EqualTo(0x1000));
        Assert.That(seen[ModMemType.InitData], Is.Null);
        Assert.That(placed.RegionSize[ModMemType.Text], Is.EqualTo(0x2000UL));
    }

    private List<string> ReadLog(ulong ring) => LogRingReader.Read(_m, ring);

    /// <summary>Rewrite rules that accept no window: only byte-identical content passes.</summary>
    private sealed class RejectAllWindows : Lvbs.Kernel.Modules.Content.IRewriteSiteRules
    {
        public int WindowCount => 0;

        public int Prepare(Lvbs.Kernel.Modules.IRelocatedSections sections, Lvbs.Kernel.Modules.IModuleSymbolResolver symbols) => 0;

        public Lvbs.Kernel.Modules.Content.RewriteWindow GetWindow(int index) => throw new ArgumentOutOfRangeException(nameof(index));

        public bool Accept(int index, ReadOnlySpan<byte> reference, ReadOnlySpan<byte> loaded) => false;
    }
}
