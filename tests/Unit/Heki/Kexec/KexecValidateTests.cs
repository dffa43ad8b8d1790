using System;
using System.Collections.Generic;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Hypervisor.Simulated;
using Lvbs.Hypervisor.Simulated.Vtl0;
using Lvbs.Hypervisor.Simulated.Vtl0.Kexec;
using Lvbs.Kernel.Heki;
using Lvbs.Kernel.Heki.Kexec;
using Lvbs.Kernel.Heki.Modules;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Heki.Kexec;

/// <summary>
/// KEXEC_VALIDATE through the dispatcher with synthetic bzImage64 files loaded by the simulated
/// kexec_file_load: acceptance, the all-or-nothing refusals (chain, types, kimage prefix, entry
/// list, verifier, content), slots, invalidation and re-validation.
/// </summary>
public class KexecValidateTests
{
    private const ulong Scratch = 0x100_0000;
    private const ulong Destinations = 0x200_0000;
    private const ulong CrashRegion = 0x240_0000;

    private SimulatedMachine _m = null!;
    private TestPlatform _p = null!;
    private VsmDispatcher _d = null!;
    private HekiVtl0Driver _driver = null!;
    private FakeKexecVerifier _verifier = null!;

    private static long Neg(LinuxErrno e) => -(long)e;

    [SetUp]
    public void SetUp()
    {
        _m = new SimulatedMachine(new SimulatedMachineOptions());
        _p = new TestPlatform(_m);
        _verifier = new FakeKexecVerifier();
        VsmDispatcherOptions o = VsmDispatcherTests.OptionsFor(_m);
        o.KexecVerifier = _verifier;
        _d = new VsmDispatcher(_p, o);
        _m.Vtl1 = _d;
        _driver = new HekiVtl0Driver(_m, Scratch, 0x100_0000);
    }

    private KexecFileLoad Load(bool crash = false, byte[]? file = null)
    {
        KexecFileLoad? l = _driver.LoadKexec(file ?? KexecTestImages.BzImage(), crash, crash ? CrashRegion : Destinations);
        Assert.That(l, Is.Not.Null);
        return l!;
    }

    private static IEnumerable<ulong> ProtectedPages(KexecFileLoad l)
    {
        foreach (HekiRange r in l.Ranges)
        {
            if (r.Attributes == (ulong)HekiKexecType.KexecPages || r.Attributes == (ulong)HekiKexecType.KexecImage)
            {
                yield return r.Pa & ~0xFFFUL;
            }
        }
    }

    private void AssertUnprotected(KexecFileLoad l)
    {
        foreach (ulong pa in ProtectedPages(l))
        {
            Assert.That(_d.ProtectedFrames.OwnerOf(pa >> 12), Is.EqualTo(ProtectedFrames.Free), "frame " + pa.ToString("X"));
            Assert.That(_m.Vtl0(0).Write(pa + 8, new byte[] { 0 }), Is.EqualTo(Vtl0Outcome.Completed), "write " + pa.ToString("X"));
        }
    }

    private void AssertProtected(KexecFileLoad l)
    {
        foreach (ulong pa in ProtectedPages(l))
        {
            Assert.That(_d.ProtectedFrames.OwnerOf(pa >> 12), Is.Not.EqualTo(ProtectedFrames.Free));
            Assert.That(_m.Vtl0(0).Write(pa + 8, new byte[] { 0 }), Is.EqualTo(Vtl0Outcome.Faulted), "write " + pa.ToString("X"));
        }
    }

    [Test]
    public void NormalImageIsVerifiedAndFrozen()
    {
        byte[] file = KexecTestImages.BzImage();
        KexecFileLoad l = Load(false, file);
        Assert.That(_driver.KexecValidate(l.Ranges.ToArray(), false), Is.Zero);
        Assert.That(_verifier.Calls, Is.EqualTo(1));
        Assert.That(_verifier.LastLength, Is.EqualTo(file.Length));
        KexecSlot slot = _d.KexecValidation.Normal;
        Assert.That(slot.Loaded, Is.True);
        Assert.That(slot.KernelDestination, Is.EqualTo(l.Segments[l.KernelSegment].Mem));
        Assert.That(_d.KexecValidation.Crash.Loaded, Is.False);
        AssertProtected(l);
        // The blob is a vmalloc'd copy VTL0 frees right after the call: never protected.
        HekiRange blob = l.Ranges.Find(r => r.Attributes == (ulong)HekiKexecType.KexecKernelBlob);
        Assert.That(_m.Vtl0(0).Write(blob.Pa, new byte[] { 0 }), Is.EqualTo(Vtl0Outcome.Completed));
    }

    [Test]
    public void CrashImageIsCheckedAtItsDestination()
    {
        KexecFileLoad l = Load(true);
        Assert.That(_driver.KexecValidate(l.Ranges.ToArray(), true), Is.Zero);
        Assert.That(_d.KexecValidation.Crash.Loaded, Is.True);
        Assert.That(_d.KexecValidation.Normal.Loaded, Is.False);
        AssertProtected(l);
    }

    [TestCase(LinuxErrno.EKEYREJECTED)]
    [TestCase(LinuxErrno.ENOKEY)]
    [TestCase(LinuxErrno.ENODATA)]
    public void VerifierRefusalChangesNothing(LinuxErrno e)
    {
        KexecFileLoad l = Load();
        _verifier.Result = (int)e;
        Assert.That(_driver.KexecValidate(l.Ranges.ToArray(), false), Is.EqualTo(Neg(e)));
        Assert.That(_p.ProtectionCalls, Is.Zero);
        Assert.That(_d.KexecValidation.Normal.Loaded, Is.False);
        AssertUnprotected(l);
    }

    [Test]
    public void DefaultVerifierIsAuthenticodeAndRefusesANonPeFile()
    {
        var m = new SimulatedMachine(new SimulatedMachineOptions());
        var d = new VsmDispatcher(m, VsmDispatcherTests.OptionsFor(m));
        m.Vtl1 = d;
        var driver = new HekiVtl0Driver(m, Scratch, 0x100_0000);
        KexecFileLoad? l = driver.LoadKexec(KexecTestImages.BzImage(), false, Destinations);
        // verify_pefile_signature: no MZ header is ELIBBAD.
        Assert.That(driver.KexecValidate(l!.Ranges.ToArray(), false), Is.EqualTo(Neg(LinuxErrno.ELIBBAD)));
        Assert.That(d.KexecValidation.Verifier, Is.InstanceOf<AuthenticodeKexecVerifier>());
    }

    [Test]
    public void NotABzImageIsEnoexec()
    {
        byte[] file = KexecTestImages.BzImage();
        KexecFileLoad l = Load(false, file);
        // Same layout, but the blob VTL1 verifies says protocol 2.11.
        HekiRange blob = l.Ranges.Find(r => r.Attributes == (ulong)HekiKexecType.KexecKernelBlob);
        Assert.That(_m.Vtl0(0).Write(blob.Pa + BzImageHeader.VersionOffset, new byte[] { 0x0B, 0x02 }), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_driver.KexecValidate(l.Ranges.ToArray(), false), Is.EqualTo(Neg(LinuxErrno.ENOEXEC)));
        AssertUnprotected(l);
    }

    [Test]
    public void UnknownTypeIsEinvalAndChangesNothing()
    {
        KexecFileLoad l = Load();
        var ranges = new List<HekiRange>(l.Ranges);
        HekiRange extra = ranges[^1];
        extra.Attributes = 3;
        ranges.Add(extra);
        Assert.That(_driver.KexecValidate(ranges.ToArray(), false), Is.EqualTo(Neg(LinuxErrno.EINVAL)));
        Assert.That(_verifier.Calls, Is.Zero);
        AssertUnprotected(l);
    }

    [Test]
    public void MalformedChainsAreRefused()
    {
        Assert.That(_driver.Call(0, VtlCallFunction.KexecValidate, 0x1234, 1, 0), Is.EqualTo(Neg(LinuxErrno.EFAULT)));
        Assert.That(_driver.Call(0, VtlCallFunction.KexecValidate, Scratch, 0, 0), Is.EqualTo(Neg(LinuxErrno.EINVAL)));
        Assert.That(_driver.Call(0, VtlCallFunction.KexecValidate, _m.Options.Vtl1Base, 1, 0), Is.EqualTo(Neg(LinuxErrno.EFAULT)));
        Assert.That(_driver.Call(0, VtlCallFunction.KexecValidate, 0, 0, 2), Is.EqualTo(Neg(LinuxErrno.EINVAL)));
        Assert.That(_d.KexecValidation.Refused, Is.EqualTo(4UL));
    }

    [TestCase("noImage")]
    [TestCase("shortImage")]
    [TestCase("noBlob")]
    [TestCase("noPages")]
    [TestCase("unalignedPage")]
    [TestCase("blobNotContiguous")]
    public void MissingOrMisshapenRangesAreEinval(string defect)
    {
        KexecFileLoad l = Load();
        var ranges = new List<HekiRange>(l.Ranges);
        switch (defect)
        {
            case "noImage": ranges.RemoveAll(r => r.Attributes == (ulong)HekiKexecType.KexecImage); break;
            case "shortImage": ranges[0] = new HekiRange { Va = ranges[0].Va, Pa = ranges[0].Pa, Epa = ranges[0].Pa + 583, Attributes = ranges[0].Attributes }; break;
            case "noBlob": ranges.RemoveAll(r => r.Attributes == (ulong)HekiKexecType.KexecKernelBlob); break;
            case "noPages": ranges.RemoveAll(r => r.Attributes == (ulong)HekiKexecType.KexecPages); break;
            case "unalignedPage":
                int i = ranges.FindIndex(r => r.Attributes == (ulong)HekiKexecType.KexecPages);
                ranges[i] = new HekiRange { Va = ranges[i].Va, Pa = ranges[i].Pa, Epa = ranges[i].Epa - 8, Attributes = ranges[i].Attributes };
                break;
            case "blobNotContiguous":
                int b = ranges.FindIndex(r => r.Attributes == (ulong)HekiKexecType.KexecKernelBlob);
                ranges[b] = new HekiRange { Va = ranges[b].Va - 0x1000, Pa = ranges[b].Pa, Epa = ranges[b].Epa, Attributes = ranges[b].Attributes };
                break;
        }

        Assert.That(_driver.KexecValidate(ranges.ToArray(), false), Is.EqualTo(Neg(LinuxErrno.EINVAL)), defect);
        Assert.That(_p.ProtectionCalls, Is.Zero);
        AssertUnprotected(l);
    }

    [TestCase("zeroSegments")]
    [TestCase("seventeenSegments")]
    [TestCase("unalignedDestination")]
    [TestCase("wrappingDestination")]
    [TestCase("bufszAboveMemsz")]
    [TestCase("overlappingSegments")]
    public void BadKimagePrefixIsEinvalAndRolledBack(string defect)
    {
        KexecFileLoad l = Load();
        int seg0 = KexecImagePrefix.SegmentsOffset;
        switch (defect)
        {
            case "zeroSegments": l.PatchKimage(KexecImagePrefix.SegmentCountOffset, 0); break;
            case "seventeenSegments": l.PatchKimage(KexecImagePrefix.SegmentCountOffset, 17); break;
            case "unalignedDestination": l.PatchKimage(seg0 + 16, l.Segments[0].Mem + 0x10); break;
            case "wrappingDestination": l.PatchKimage(seg0 + 16, 0xFFFF_FFFF_FFFF_F000); break;
            case "bufszAboveMemsz": l.PatchKimage(seg0 + 8, l.Segments[0].MemSize + 1); break;
            case "overlappingSegments": l.PatchKimage(seg0 + KexecSegment.Size + 16, l.Segments[0].Mem); break;
        }

        Assert.That(_driver.KexecValidate(l.Ranges.ToArray(), false), Is.EqualTo(Neg(LinuxErrno.EINVAL)), defect);
        Assert.That(_d.KexecValidation.Normal.Loaded, Is.False);
        AssertUnprotected(l);
    }

    [Test]
    public void KernelSegmentNotMatchingTheVerifiedFileIsEacces()
    {
        KexecFileLoad l = Load();
        Assert.That(_m.Vtl0(0).Write(l.KernelContentPages[1] + 5, new byte[] { 0xCC }), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_driver.KexecValidate(l.Ranges.ToArray(), false), Is.EqualTo(Neg(LinuxErrno.EACCES)));
        AssertUnprotected(l);
    }

    [Test]
    public void NonZeroFillAfterThePayloadIsEacces()
    {
        KexecFileLoad l = Load();
        ulong last = l.KernelContentPages[^1];
        Assert.That(_m.Vtl0(0).Write(last + 0xFF0, new byte[] { 1 }), Is.EqualTo(Vtl0Outcome.Completed));
        Assert.That(_driver.KexecValidate(l.Ranges.ToArray(), false), Is.EqualTo(Neg(LinuxErrno.EACCES)));
    }

    [Test]
    public void KernelSegmentOfTheWrongSizeIsEacces()
    {
        KexecFileLoad l = Load();
        int kernel = KexecImagePrefix.SegmentsOffset + (l.KernelSegment * KexecSegment.Size);
        l.PatchKimage(kernel + 8, l.Segments[l.KernelSegment].BufSize - 1);
        Assert.That(_driver.KexecValidate(l.Ranges.ToArray(), false), Is.EqualTo(Neg(LinuxErrno.EACCES)));
    }

    [Test]
    public void SourcePageNotSentIsEinval()
    {
        KexecFileLoad l = Load();
        var ranges = new List<HekiRange>(l.Ranges);
        ranges.RemoveAll(r => r.Pa == l.KernelContentPages[0]);
        Assert.That(_driver.KexecValidate(ranges.ToArray(), false), Is.EqualTo(Neg(LinuxErrno.EINVAL)));
        AssertUnprotected(l);
    }

    [Test]
    public void CrashSegmentNotSentIsEinval()
    {
        KexecFileLoad l = Load(true);
        var ranges = new List<HekiRange>(l.Ranges);
        ranges.RemoveAll(r => r.Pa == l.KernelContentPages[^1]);
        Assert.That(_driver.KexecValidate(ranges.ToArray(), true), Is.EqualTo(Neg(LinuxErrno.EINVAL)));
        AssertUnprotected(l);
    }

    [Test]
    public void HeadThatIsNotAnIndirectionIsEinval()
    {
        KexecFileLoad l = Load();
        l.PatchKimage(0, l.KernelContentPages[0] | 0x8);
        Assert.That(_driver.KexecValidate(l.Ranges.ToArray(), false), Is.EqualTo(Neg(LinuxErrno.EINVAL)));
    }

    [Test]
    public void FramesOfAModuleAreNotTaken()
    {
        KexecFileLoad l = Load();
        ulong pfn = l.KernelContentPages[3] >> 12;
        _d.ProtectedFrames.Set(pfn, 7);
        Assert.That(_driver.KexecValidate(l.Ranges.ToArray(), false), Is.EqualTo(Neg(LinuxErrno.EINVAL)));
        Assert.That(_d.ProtectedFrames.OwnerOf(pfn), Is.EqualTo((ushort)7));
        Assert.That(_verifier.Calls, Is.Zero);
        _d.ProtectedFrames.Set(pfn, ProtectedFrames.Free);
        AssertUnprotected(l);
    }

    [Test]
    public void RangeInsideTheSecureKernelIsEinval()
    {
        KexecFileLoad l = Load();
        var ranges = new List<HekiRange>(l.Ranges);
        ulong vtl1 = _m.Options.Vtl1Base;
        ranges.Add(new HekiRange { Va = HekiVtl0Driver.DirectMapBase + vtl1, Pa = vtl1, Epa = vtl1 + 0x1000, Attributes = (ulong)HekiKexecType.KexecPages });
        Assert.That(_driver.KexecValidate(ranges.ToArray(), false), Is.EqualTo(Neg(LinuxErrno.EINVAL)));
        Assert.That(_p.ProtectionCalls, Is.Zero);
        AssertUnprotected(l);
    }

    [Test]
    public void FrameNamedTwiceIsEinval()
    {
        KexecFileLoad l = Load();
        var ranges = new List<HekiRange>(l.Ranges);
        ranges.Add(ranges.Find(r => r.Attributes == (ulong)HekiKexecType.KexecPages));
        Assert.That(_driver.KexecValidate(ranges.ToArray(), false), Is.EqualTo(Neg(LinuxErrno.EINVAL)));
        AssertUnprotected(l);
    }

    [Test]
    public void BackendFailureWhileFreezingRollsBack()
    {
        KexecFileLoad l = Load();
        _p.FailProtectionCall = 1;
        Assert.That(_driver.KexecValidate(l.Ranges.ToArray(), false), Is.EqualTo(Neg(LinuxErrno.EIO)));
        Assert.That(_d.KexecValidation.Normal.Loaded, Is.False);
        AssertUnprotected(l);
    }

    [Test]
    public void InvalidateReleasesTheSlot()
    {
        KexecFileLoad l = Load();
        Assert.That(_driver.KexecValidate(l.Ranges.ToArray(), false), Is.Zero);
        Assert.That(_driver.KexecInvalidate(false), Is.Zero);
        Assert.That(_d.KexecValidation.Normal.Loaded, Is.False);
        AssertUnprotected(l);
        Assert.That(_driver.KexecInvalidate(false), Is.Zero, "invalidating an empty slot is a no-op");
    }

    [Test]
    public void RevalidationReleasesTheOldImageOnlyAfterTheNewOneIsAccepted()
    {
        KexecFileLoad first = Load();
        Assert.That(_driver.KexecValidate(first.Ranges.ToArray(), false), Is.Zero);

        // A refused second image leaves the first one protected.
        KexecFileLoad bad = Load(false, KexecTestImages.BzImage(seed: 9));
        _verifier.Result = (int)LinuxErrno.EKEYREJECTED;
        Assert.That(_driver.KexecValidate(bad.Ranges.ToArray(), false), Is.EqualTo(Neg(LinuxErrno.EKEYREJECTED)));
        AssertProtected(first);
        AssertUnprotected(bad);

        _verifier.Result = 0;
        KexecFileLoad second = Load(false, KexecTestImages.BzImage(seed: 11));
        Assert.That(_driver.KexecValidate(second.Ranges.ToArray(), false), Is.Zero);
        AssertProtected(second);
        AssertUnprotected(first);
        Assert.That(_d.KexecValidation.Normal.Accepted, Is.EqualTo(2UL));
    }

    [Test]
    public void RevalidationMayReuseTheOldImagesFrames()
    {
        KexecFileLoad l = Load();
        Assert.That(_driver.KexecValidate(l.Ranges.ToArray(), false), Is.Zero);
        // The same image again (its frames are already read-only): accepted, still protected.
        Assert.That(_driver.KexecValidate(l.Ranges.ToArray(), false), Is.Zero);
        AssertProtected(l);
        Assert.That(_driver.KexecInvalidate(false), Is.Zero);
        AssertUnprotected(l);
    }

    [Test]
    public void CrashSlotIsIndependent()
    {
        KexecFileLoad normal = Load();
        KexecFileLoad crash = Load(true, KexecTestImages.BzImage(seed: 3));
        Assert.That(_driver.KexecValidate(normal.Ranges.ToArray(), false), Is.Zero);
        Assert.That(_driver.KexecValidate(crash.Ranges.ToArray(), true), Is.Zero);
        Assert.That(_driver.KexecInvalidate(false), Is.Zero);
        AssertUnprotected(normal);
        AssertProtected(crash);
        // The crash image's frames cannot be claimed by the normal slot.
        Assert.That(_driver.KexecValidate(crash.Ranges.ToArray(), false), Is.EqualTo(Neg(LinuxErrno.EINVAL)));
        AssertProtected(crash);
    }

    [Test]
    public void AllowedAfterEndOfBoot()
    {
        Assert.That(_driver.SignalEndOfBoot(), Is.Zero);
        KexecFileLoad l = Load();
        Assert.That(_driver.KexecValidate(l.Ranges.ToArray(), false), Is.Zero);
    }
}
