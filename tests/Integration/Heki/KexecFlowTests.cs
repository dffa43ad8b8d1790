using System;
using System.Collections.Generic;
using System.IO;
using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
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
/// the loaded kernel. The kernel's default verifier checks the file's Authenticode signature against
/// the keyring LOAD_KDATA filled with the signer certificate embedded in the file's own PKCS#7
/// ("CN=Debian Secure Boot Signer 2022 - linux"), as a system key.
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
            // Fetched by tools/Lvbs.ImageHarness into artifacts/linux-guest when tests/Image runs;
            // build.cake runs tests/Image first, so in CI a missing kernel is a failure, not a skip.
            const string missing = "artifacts/linux-guest/linux-image-6.1.0-56-cloud-amd64/vmlinuz not present (fetched by the Image tests)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(missing);
            }

            Assert.Ignore(missing);
        }

        _vmlinuz = File.ReadAllBytes(path!);
        _m = new SimulatedMachine(new SimulatedMachineOptions { RamSize = 256UL << 20, Vtl1Base = 240UL << 20, Vtl1Size = 16UL << 20 });
        SimulatedMachineOptions o = _m.Options;
        _d = new VsmDispatcher(_m, new VsmDispatcherOptions
        {
            Vtl1Start = o.Vtl1Base,
            Vtl1End = o.Vtl1Base + o.Vtl1Size,
            LowerVtlRamEnd = o.RamSize,
            // The default MaxChainPages: 3,464 blob pages + 13,176 kernel source pages + entry,
            // purgatory and params pages must fit what a real kexec sends.
        });
        _m.Vtl1 = _d;
        _driver = new HekiVtl0Driver(_m, Scratch, ScratchSize);
    }

    private void TrustEmbeddedSigner()
    {
        byte[] der = EmbeddedSigner(_vmlinuz);
        ulong pa = _driver.Place(der);
        Assert.That(_driver.LoadKdata(HekiVtl0Driver.RangesFor(pa, (ulong)der.Length, (ulong)HekiKdataType.SystemCerts)), Is.Zero);
    }

    /// <summary>The signer certificate from the PKCS#7 in the PE security directory (data directory 4).</summary>
    private static byte[] EmbeddedSigner(byte[] pe)
    {
        int nt = BinaryPrimitives.ReadInt32LittleEndian(pe.AsSpan(0x3C));
        int optional = nt + 4 + 20;
        Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(pe.AsSpan(optional)), Is.EqualTo(0x20B), "PE32+");
        int dir = optional + 112 + (4 * 8);
        int offset = BinaryPrimitives.ReadInt32LittleEndian(pe.AsSpan(dir));
        int size = BinaryPrimitives.ReadInt32LittleEndian(pe.AsSpan(dir + 4));
        Assert.That((offset, size), Is.EqualTo((14184960, 1472)));
        var contentInfo = new AsnReader(pe.AsMemory(offset + 8, size - 8), AsnEncodingRules.BER).ReadSequence();
        contentInfo.ReadObjectIdentifier();
        AsnReader signedData = contentInfo.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
        signedData.ReadInteger();
        signedData.ReadSetOf();
        signedData.ReadSequence();
        AsnReader certificates = signedData.ReadSetOf(new Asn1Tag(TagClass.ContextSpecific, 0));
        while (certificates.HasData)
        {
            byte[] der = certificates.ReadEncodedValue().ToArray();
            if (X509CertificateLoader.LoadCertificate(der).Subject.Contains("Debian Secure Boot Signer", StringComparison.Ordinal))
            {
                return der;
            }
        }

        Assert.Fail("no signer certificate in the PKCS#7");
        return Array.Empty<byte>();
    }

    [Test]
    public void WithoutTrustedKeysTheRealKernelIsEnokey()
    {
        KexecFileLoad? l = _driver.LoadKexec(_vmlinuz, false, Destinations);
        Assert.That(_driver.KexecValidate(l!.Ranges.ToArray(), false), Is.EqualTo(-(long)LinuxErrno.ENOKEY));
        Assert.That(_m.Vtl0(0).Write(l.KernelContentPages[0], new byte[] { 1 }), Is.EqualTo(Vtl0Outcome.Completed));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void RealKernelIsValidatedAndCannotBeChangedAfterwards(bool crash)
    {
        TrustEmbeddedSigner();
        Assert.That(_driver.SignalEndOfBoot(), Is.Zero, "kexec happens after end of boot");
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
        TrustEmbeddedSigner();
        byte[] tampered = (byte[])_vmlinuz.Clone();
        tampered[0x10_0000] ^= 1;
        KexecFileLoad? l = _driver.LoadKexec(tampered, false, Destinations);
        Assert.That(_driver.KexecValidate(l!.Ranges.ToArray(), false), Is.EqualTo(-(long)LinuxErrno.EKEYREJECTED));
        Assert.That(_m.Vtl0(0).Write(l.KernelContentPages[0], new byte[] { 1 }), Is.EqualTo(Vtl0Outcome.Completed));
    }

    [Test]
    public void KernelSegmentSwappedBeforeValidationIsRefused()
    {
        TrustEmbeddedSigner();
        KexecFileLoad? l = _driver.LoadKexec(_vmlinuz, false, Destinations);
        // VTL0 sends the signed file but loads something else: one page of the segment differs.
        Assert.That(_m.Vtl0(0).Write(l!.KernelContentPages[2000] + 7, new byte[] { 0x90, 0x90 }), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_driver.KexecValidate(l.Ranges.ToArray(), false), Is.EqualTo(-(long)LinuxErrno.EACCES));
        Assert.That(_d.KexecValidation.Normal.Loaded, Is.False);
    }
}
