using System;
using System.Buffers.Binary;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Heki.Kexec;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Heki.Kexec;

/// <summary>The bzImage64_probe / bzImage64_load facts KEXEC_VALIDATE relies on, with malformed headers.</summary>
public class BzImageHeaderTests
{
    private const int Enoexec = (int)LinuxErrno.ENOEXEC;

    [Test]
    public void PayloadFollowsTheSetupSectors()
    {
        byte[] f = KexecTestImages.BzImage(0x2345, 0x6001);
        Assert.That(BzImageHeader.TryParse(f, out BzImageHeader h), Is.Zero);
        Assert.That(h.PayloadOffset, Is.EqualTo(0x400));
        Assert.That(h.PayloadLength, Is.EqualTo(0x2345UL));
        Assert.That(h.MemorySize, Is.EqualTo(0x7000UL));
        Assert.That(h.Alignment, Is.EqualTo(0x20_0000UL));
    }

    [Test]
    public void ZeroSetupSectsMeansFour()
    {
        byte[] f = KexecTestImages.BzImage(0x3000, 0x8000);
        f[BzImageHeader.SetupSectsOffset] = 0;
        Assert.That(BzImageHeader.TryParse(f, out BzImageHeader h), Is.Zero);
        Assert.That(h.PayloadOffset, Is.EqualTo(5 * 512));
        Assert.That(h.PayloadLength, Is.EqualTo((ulong)(f.Length - (5 * 512))));
    }

    [TestCase("truncated")]
    [TestCase("magic")]
    [TestCase("version")]
    [TestCase("loadedHigh")]
    [TestCase("kernel64")]
    [TestCase("above4G")]
    [TestCase("setupPastEnd")]
    [TestCase("initSizeZero")]
    [TestCase("initSizeBelowPayload")]
    [TestCase("alignmentNotPowerOfTwo")]
    [TestCase("alignmentBelowPage")]
    public void MalformedHeadersAreNotBzImage64(string defect)
    {
        byte[] f = KexecTestImages.BzImage(0x2345, 0x6000);
        switch (defect)
        {
            case "truncated": f = f.AsSpan(0, BzImageHeader.MinLength - 1).ToArray(); break;
            case "magic": f[BzImageHeader.MagicOffset] ^= 1; break;
            case "version": BinaryPrimitives.WriteUInt16LittleEndian(f.AsSpan(BzImageHeader.VersionOffset), 0x020B); break;
            case "loadedHigh": f[BzImageHeader.LoadFlagsOffset] = 0; break;
            case "kernel64": BinaryPrimitives.WriteUInt16LittleEndian(f.AsSpan(BzImageHeader.XLoadFlagsOffset), 0x7E); break;
            case "above4G": BinaryPrimitives.WriteUInt16LittleEndian(f.AsSpan(BzImageHeader.XLoadFlagsOffset), 0x7D); break;
            case "setupPastEnd": f[BzImageHeader.SetupSectsOffset] = 0xFF; break;
            case "initSizeZero": BinaryPrimitives.WriteUInt32LittleEndian(f.AsSpan(BzImageHeader.InitSizeOffset), 0); break;
            case "initSizeBelowPayload": BinaryPrimitives.WriteUInt32LittleEndian(f.AsSpan(BzImageHeader.InitSizeOffset), 0x1000); break;
            case "alignmentNotPowerOfTwo": BinaryPrimitives.WriteUInt32LittleEndian(f.AsSpan(BzImageHeader.KernelAlignmentOffset), 0x30_0000); break;
            case "alignmentBelowPage": BinaryPrimitives.WriteUInt32LittleEndian(f.AsSpan(BzImageHeader.KernelAlignmentOffset), 0x800); break;
        }

        Assert.That(BzImageHeader.TryParse(f, out BzImageHeader h), Is.EqualTo(Enoexec), defect);
        Assert.That(h.PayloadLength, Is.Zero);
    }
}
