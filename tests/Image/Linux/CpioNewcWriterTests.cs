using System;
using System.IO;
using System.Linq;
using System.Text;
using Lvbs.ImageHarness.Linux;
using NUnit.Framework;

namespace Lvbs.Tests.Image.Linux;

/// <summary>The newc writer, checked by parsing its output back with an independent reader.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class CpioNewcWriterTests
{
    private static byte[] Archive(Action<CpioNewcWriter> add)
    {
        using var stream = new MemoryStream();
        using (var cpio = new CpioNewcWriter(stream, leaveOpen: true))
        {
            add(cpio);
        }

        return stream.ToArray();
    }

    [Test]
    public void EachEntryTypeRoundTripsWithItsModeAndData()
    {
        var archive = Archive(c =>
        {
            c.AddDirectory("dev");
            c.AddCharDevice("dev/console", 5, 1);
            c.AddFile("bin/tool", "abcde"u8, permissions: 0x1ED);
            c.AddSymlink("bin/sh", "tool");
        });

        var entries = CpioNewcReader.Read(archive);

        Assert.That(entries.Select(e => e.Name), Is.EqualTo(new[] { "dev", "dev/console", "bin/tool", "bin/sh" }));
        Assert.Multiple(() =>
        {
            Assert.That(entries[0].Mode, Is.EqualTo(0x41EDu), "directory 0755");
            Assert.That(entries[0].NLink, Is.EqualTo(2u));
            Assert.That(entries[1].Mode, Is.EqualTo(0x2180u), "char device 0600");
            Assert.That((entries[1].RdevMajor, entries[1].RdevMinor), Is.EqualTo((5u, 1u)));
            Assert.That(entries[1].Data, Is.Empty);
            Assert.That(entries[2].Mode, Is.EqualTo(0x81EDu), "regular 0755");
            Assert.That(entries[2].Data, Is.EqualTo("abcde"u8.ToArray()));
            Assert.That(entries[3].Mode, Is.EqualTo(0xA1FFu), "symlink 0777");
            Assert.That(Encoding.UTF8.GetString(entries[3].Data), Is.EqualTo("tool"));
            Assert.That(entries.Select(e => e.Inode).Distinct().Count(), Is.EqualTo(4), "distinct inodes, or the unpacker treats them as hard links");
            Assert.That(entries.All(e => e.Check == 0), Is.True, "newc (070701) has no checksum");
        });
    }

    [TestCase("a")]
    [TestCase("ab")]
    [TestCase("abc")]
    [TestCase("abcd")]
    public void NamesAndDataOfEveryLengthArePaddedToFourBytes(string payload)
    {
        var archive = Archive(c => c.AddFile(payload, Encoding.ASCII.GetBytes(payload)));

        // The reader throws on misaligned headers and non-zero padding.
        var entry = CpioNewcReader.Read(archive).Single();

        Assert.That(Encoding.ASCII.GetString(entry.Data), Is.EqualTo(payload));
        Assert.That(archive.Length % 4, Is.Zero);
    }

    [Test]
    public void ArchiveEndsWithTheTrailerAndItsPadding()
    {
        var archive = Archive(c => c.AddDirectory("proc"));

        // The trailer entry is 110 + 11 (name and NUL) = 121 bytes, padded to 124: the name,
        // then its NUL and three padding bytes end the file.
        var trailer = Encoding.ASCII.GetString(archive, archive.Length - 14, 10);
        Assert.That(trailer, Is.EqualTo("TRAILER!!!"));
        Assert.That(archive[^4..], Is.EqualTo(new byte[4]));
        Assert.That(CpioNewcReader.Read(archive), Has.Count.EqualTo(1));
    }

    [Test]
    public void HeaderFieldsAreEightUppercaseHexDigits()
    {
        var archive = Archive(c => c.AddFile("f", new byte[0x1234]));

        var header = Encoding.ASCII.GetString(archive, 0, CpioNewcWriter.HeaderSize);
        Assert.That(header, Does.Match("^070701[0-9A-F]{104}$"));
        Assert.That(header.Substring(6 + (8 * 6), 8), Is.EqualTo("00001234"), "filesize");
        Assert.That(header.Substring(6 + (8 * 11), 8), Is.EqualTo("00000002"), "namesize counts the NUL");
    }

    [TestCase("")]
    [TestCase("/init")]
    [TestCase("dev/")]
    [TestCase("a//b")]
    [TestCase("../etc/passwd")]
    [TestCase("bin/./sh")]
    [TestCase("nul\0name")]
    [TestCase("TRAILER!!!")]
    public void MalformedNamesAreRejected(string name)
    {
        using var cpio = new CpioNewcWriter(new MemoryStream());
        Assert.Throws<ArgumentException>(() => cpio.AddDirectory(name));
    }

    [Test]
    public void NamesLongerThanPathMaxAreRejectedButPathMaxMinusOneIsAccepted()
    {
        using var cpio = new CpioNewcWriter(new MemoryStream());
        Assert.Throws<ArgumentException>(() => cpio.AddDirectory(new string('x', CpioNewcWriter.MaxNameBytes + 1)));
        Assert.DoesNotThrow(() => cpio.AddDirectory(new string('x', CpioNewcWriter.MaxNameBytes)));
    }

    [Test]
    public void NothingCanFollowTheTrailer()
    {
        using var cpio = new CpioNewcWriter(new MemoryStream());
        cpio.Finish();
        Assert.Throws<InvalidOperationException>(() => cpio.AddDirectory("late"));
    }
}
