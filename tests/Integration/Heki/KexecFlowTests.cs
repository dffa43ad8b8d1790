using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Hypervisor.Simulated.Vtl0;
using Lvbs.Hypervisor.Simulated.Vtl0.Kexec;
using Lvbs.Kernel.Heki;
using Lvbs.Kernel.Heki.Kexec;
using NUnit.Framework;

namespace Lvbs.Tests.Integration.Heki;

/// <summary>
/// kexec_file_load of the real Debian 6.1 vmlinuz end to end on the simulated platform: the VTL0
/// driver loads it as a normal and as a crash image and issues KEXEC_VALIDATE; VTL0 then attacks
/// the loaded kernel. The verifier here pins the file's SHA-256 (a stand-in until the Authenticode
/// verifier is wired as the default): what these tests prove is the frame transaction, the kimage
/// and entry-list walk and the kernel-segment comparison on a real 52 MiB init_size kernel.
/// </summary>
public class KexecFlowTests
{
    private const ulong Scratch = 0x100_0000;
    private const ulong ScratchSize = 0xA00_0000;
    private const ulong Destinations = 0xB00_0000;
    private const ulong CrashRegion = 0xB00_0000;

    private SimulatedMachine _m = null!;
    private VsmDispatcher _d = null!;
    private HekiVtl0Driver _driver = null!;
    private byte[] _vmlinuz = null!;

    private static string? LocateVmlinuz()
    {
        for (DirectoryInfo? d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "artifacts", "linux-guest", "linux-image-6.1.0-56-cloud-amd64", "vmlinuz");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    [SetUp]
    public void SetUp()
    {
        string? path = LocateVmlinuz();
        if (path is null)
        {
            // Fetched by tools/Lvbs.ImageHarness (the Image tests) into artifacts/linux-guest.
            Assert.Ignore("artifacts/linux-guest/.../vmlinuz not present (fetched by the Image tests)");
        }

        _vmlinuz = File.ReadAllBytes(path!);
        _m = new SimulatedMachine(new SimulatedMachineOptions { RamSize = 256UL << 20, Vtl1Base = 240UL << 20, Vtl1Size = 16UL << 20 });
        SimulatedMachineOptions o = _m.Options;
        _d = new VsmDispatcher(_m, new VsmDispatcherOptions
        {
            Vtl1Start = o.Vtl1Base,
            Vtl1End = o.Vtl1Base + o.Vtl1Size,
            LowerVtlRamEnd = o.RamSize,
            // 3,464 blob pages + 13,176 kernel source pages + entry, purgatory and params pages.
            MaxChainPages = 160,
            KexecVerifier = new PinnedDigestVerifier(SHA256.HashData(_vmlinuz)),
        });
        _m.Vtl1 = _d;
        _driver = new HekiVtl0Driver(_m, Scratch, ScratchSize);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void RealKernelIsValidatedAndCannotBeChangedAfterwards(bool crash)
    {
        KexecFileLoad? l = _driver.LoadKexec(_vmlinuz, crash, crash ? CrashRegion : Destinations);
        Assert.That(l, Is.Not.Null);
        Assert.That(l!.Segments[l.KernelSegment].MemSize, Is.EqualTo(0x3378000UL), "PAGE_ALIGN(init_size) of the Debian kernel");
        Assert.That(_driver.KexecValidate(l.Ranges.ToArray(), crash), Is.Zero);
        KexecSlot slot = crash ? _d.KexecValidation.Crash : _d.KexecValidation.Normal;
        Assert.That(slot.Loaded, Is.True);

        // Attack: one byte of the loaded kernel after validation.
        ulong target = l.KernelContentPages[100] + 0x123;
        Assert.That(_m.Vtl0(0).Write(target, new byte[] { 0xCC }), Is.EqualTo(Vtl0Outcome.Faulted));
        byte[] b = new byte[1];
        _m.Ram.Read(target, b);
        Assert.That(b[0], Is.Not.EqualTo(0xCC));
        // ...and the kimage (a different segment list or entry point).
        Assert.That(_m.Vtl0(0).Write(l.KimagePa + (ulong)KexecImagePrefix.StartOffset, new byte[8]), Is.EqualTo(Vtl0Outcome.Faulted));

        Assert.That(_driver.KexecInvalidate(crash), Is.Zero);
        Assert.That(_m.Vtl0(0).Write(target, new byte[] { 0xCC }), Is.EqualTo(Vtl0Outcome.Completed));
    }

    [Test]
    public void TamperedBlobIsRefused()
    {
        byte[] tampered = (byte[])_vmlinuz.Clone();
        tampered[0x10_0000] ^= 1;
        KexecFileLoad? l = _driver.LoadKexec(tampered, false, Destinations);
        Assert.That(_driver.KexecValidate(l!.Ranges.ToArray(), false), Is.EqualTo(-(long)LinuxErrno.EKEYREJECTED));
        Assert.That(_m.Vtl0(0).Write(l.KernelContentPages[0], new byte[] { 1 }), Is.EqualTo(Vtl0Outcome.Completed));
    }

    [Test]
    public void KernelSegmentSwappedBeforeValidationIsRefused()
    {
        KexecFileLoad? l = _driver.LoadKexec(_vmlinuz, false, Destinations);
        // VTL0 sends the signed file but loads something else: one page of the segment differs.
        Assert.That(_m.Vtl0(0).Write(l!.KernelContentPages[2000] + 7, new byte[] { 0x90, 0x90 }), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_driver.KexecValidate(l.Ranges.ToArray(), false), Is.EqualTo(-(long)LinuxErrno.EACCES));
        Assert.That(_d.KexecValidation.Normal.Loaded, Is.False);
    }

    /// <summary>Trusts exactly one file by its SHA-256 (EKEYREJECTED otherwise).</summary>
    private sealed class PinnedDigestVerifier : IKexecImageVerifier
    {
        private readonly byte[] _digest;

        public PinnedDigestVerifier(byte[] digest) => _digest = digest;

        public int Verify(ReadOnlySpan<byte> kernelImage) =>
            SHA256.HashData(kernelImage).AsSpan().SequenceEqual(_digest) ? 0 : (int)LinuxErrno.EKEYREJECTED;
    }
}
