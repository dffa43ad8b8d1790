using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using Lvbs.ImageHarness.Linux;
using NUnit.Framework;

namespace Lvbs.Tests.Image.Linux;

/// <summary>
/// The blob layout the image's Linux loader reads (the contract is spelled out again here, by
/// literal offsets, so a change to the writer's constants cannot silently move a field).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class LinuxGuestBlobTests
{
    private static uint U32(byte[] blob, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(offset));

    private static byte[] Filled(int length, byte value) => Enumerable.Repeat(value, length).ToArray();

    [TestCase(1, 1)]
    [TestCase(4096, 4096)]
    [TestCase(4097, 8191)]
    [TestCase(14_186_432, 1_058_518)]
    public void FieldsPointAtAlignedCopiesOfEachPart(int kernelSize, int initrdSize)
    {
        var kernel = Filled(kernelSize, 0xAA);
        var initrd = Filled(initrdSize, 0xBB);

        var blob = LinuxGuestBlob.Build(kernel, initrd, "console=ttyS0 quiet");

        var (kOff, kLen, iOff, iLen, cOff, cLen) = (U32(blob, 12), U32(blob, 16), U32(blob, 20), U32(blob, 24), U32(blob, 28), U32(blob, 32));
        Assert.Multiple(() =>
        {
            Assert.That(Encoding.ASCII.GetString(blob, 0, 8), Is.EqualTo("LVBSLNX1"));
            Assert.That(U32(blob, 8), Is.EqualTo(4096u));
            Assert.That(kOff, Is.EqualTo(4096u));
            Assert.That(new[] { kOff, iOff, cOff }.Select(o => o % 4096), Is.All.EqualTo(0u));
            Assert.That(iOff, Is.GreaterThanOrEqualTo(kOff + kLen));
            Assert.That(iOff, Is.LessThan(kOff + kLen + 4096), "no more than alignment padding between parts");
            Assert.That(cOff, Is.GreaterThanOrEqualTo(iOff + iLen));
            Assert.That((kLen, iLen), Is.EqualTo(((uint)kernelSize, (uint)initrdSize)));
            Assert.That(blob.AsSpan((int)kOff, (int)kLen).ToArray(), Is.EqualTo(kernel));
            Assert.That(blob.AsSpan((int)iOff, (int)iLen).ToArray(), Is.EqualTo(initrd));
            Assert.That(blob.AsSpan((int)cOff, (int)cLen).ToArray(), Is.EqualTo(Encoding.ASCII.GetBytes("console=ttyS0 quiet\0")));
            Assert.That(blob.Length, Is.EqualTo(cOff + cLen), "the command line ends the blob");
        });
    }

    [Test]
    public void HeaderBeyondTheFieldsAndPaddingBetweenPartsAreZero()
    {
        var blob = LinuxGuestBlob.Build(Filled(5000, 0xAA), Filled(10, 0xBB), "x");

        Assert.That(blob.AsSpan(36, 4096 - 36).ToArray(), Is.All.EqualTo((byte)0));
        Assert.That(blob.AsSpan(4096 + 5000, 12288 - (4096 + 5000)).ToArray(), Is.All.EqualTo((byte)0));
        Assert.That(blob.AsSpan(12288 + 10, 4096 - 10).ToArray(), Is.All.EqualTo((byte)0));
    }

    [Test]
    public void DefaultCommandLineDisablesFiveLevelPagingAndUsesTheSerialConsole()
    {
        var blob = LinuxGuestBlob.Build([1], [2], LinuxGuestBlob.DefaultCommandLine);
        var cmdline = Encoding.ASCII.GetString(blob, (int)U32(blob, 28), (int)U32(blob, 32) - 1);

        Assert.That(cmdline.Split(' '), Is.SupersetOf(new[] { "console=ttyS0", "no5lvl", "nokaslr", "panic=-1", "rdinit=/init" }));
    }

    [Test]
    public void WriteProducesTheSameBytesAsBuild()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lvbs-blob-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "k"), Filled(100, 1));
            File.WriteAllBytes(Path.Combine(dir, "i"), Filled(200, 2));
            var path = Path.Combine(dir, "blob");

            LinuxGuestBlob.Write(path, Path.Combine(dir, "k"), Path.Combine(dir, "i"), "a b");

            Assert.That(File.ReadAllBytes(path), Is.EqualTo(LinuxGuestBlob.Build(Filled(100, 1), Filled(200, 2), "a b")));
            Assert.That(Directory.GetFiles(dir), Has.Length.EqualTo(3), "no temporary file left behind");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void UnusableInputsAreRejected()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => LinuxGuestBlob.Build([], [1], "x"), Throws.TypeOf<LinuxGuestException>());
            Assert.That(() => LinuxGuestBlob.Build([1], [], "x"), Throws.TypeOf<LinuxGuestException>());
            Assert.That(() => LinuxGuestBlob.Build([1], [1], "a\0b"), Throws.TypeOf<LinuxGuestException>());
            Assert.That(() => LinuxGuestBlob.Build([1], [1], "café"), Throws.TypeOf<LinuxGuestException>());
        });
    }
}
