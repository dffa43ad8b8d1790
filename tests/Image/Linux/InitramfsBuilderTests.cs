using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using Lvbs.ImageHarness.Linux;
using NUnit.Framework;

namespace Lvbs.Tests.Image.Linux;

/// <summary>
/// The guest initramfs, built around a synthetic static ELF standing in for busybox so the
/// test does not depend on the host's packages.
/// </summary>
[TestFixture]
public sealed class InitramfsBuilderTests
{
    private string _dir = null!;

    [OneTimeSetUp]
    public void CreateDirectory()
    {
        _dir = Path.Combine(Path.GetTempPath(), "lvbs-initramfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [OneTimeTearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    private string Busybox(string name, byte[] content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static byte[] Gunzip(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    [Test]
    public void HoldsConsoleBusyboxShellLinkAndInit()
    {
        var busybox = TestElf.WithProgramHeaders(TestElf.PtLoad);
        var builder = new InitramfsBuilder { BusyboxPath = Busybox("static", busybox), Gzip = false };

        var entries = CpioNewcReader.Read(builder.Build()).ToDictionary(e => e.Name);

        Assert.Multiple(() =>
        {
            Assert.That(entries.Keys, Is.SupersetOf(new[] { "dev", "dev/console", "bin", "bin/busybox", "bin/sh", "init", "proc" }));
            Assert.That(entries["dev"].Mode & 0xF000, Is.EqualTo(0x4000u));
            Assert.That(entries["dev/console"].Mode & 0xF000, Is.EqualTo(0x2000u), "character device");
            Assert.That((entries["dev/console"].RdevMajor, entries["dev/console"].RdevMinor), Is.EqualTo((5u, 1u)));
            Assert.That(entries["bin/busybox"].Data, Is.EqualTo(busybox));
            Assert.That(entries["bin/busybox"].Mode & 0x49, Is.EqualTo(0x49u), "executable by all");
            Assert.That(entries["bin/sh"].Mode & 0xF000, Is.EqualTo(0xA000u));
            Assert.That(Encoding.ASCII.GetString(entries["bin/sh"].Data), Is.EqualTo("busybox"));
            Assert.That(entries["init"].Mode & 0x49, Is.EqualTo(0x49u), "the kernel only runs an executable /init");
            // The parent must precede its children: the kernel does not create directories.
            Assert.That(entries["dev"].HeaderOffset, Is.LessThan(entries["dev/console"].HeaderOffset));
            Assert.That(entries["bin"].HeaderOffset, Is.LessThan(entries["bin/busybox"].HeaderOffset));
        });
    }

    [Test]
    public void InitPrintsTheMarkerAndKernelReleaseThenPowersOff()
    {
        var builder = new InitramfsBuilder { BusyboxPath = Busybox("static-init", TestElf.WithProgramHeaders(TestElf.PtLoad)), Gzip = false };

        var init = Encoding.ASCII.GetString(CpioNewcReader.Read(builder.Build()).Single(e => e.Name == "init").Data);
        var lines = init.Split('\n');

        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("#!/bin/busybox sh"));
            Assert.That(lines, Has.Some.Contains("mount -t proc proc /proc"));
            Assert.That(lines, Has.Some.EqualTo("echo \"lvbs-linux-guest: userspace reached $(/bin/busybox uname -r)\""));
            Assert.That(lines.Last(l => l.Length > 0), Is.EqualTo("/bin/busybox poweroff -f"));
        });
    }

    [Test]
    public void WhenGzipped_DecompressesToTheSameArchive()
    {
        var path = Busybox("static-gz", TestElf.WithProgramHeaders(TestElf.PtLoad));
        var plain = new InitramfsBuilder { BusyboxPath = path, Gzip = false }.Build();
        var gz = new InitramfsBuilder { BusyboxPath = path, Gzip = true }.Build();

        Assert.That(gz[..2], Is.EqualTo(new byte[] { 0x1F, 0x8B }), "gzip magic, which the kernel's unpacker detects");
        Assert.That(Gunzip(gz), Is.EqualTo(plain));
    }

    [Test]
    public void WhenBusyboxIsDynamic_FailsNamingBusyboxStatic()
    {
        var builder = new InitramfsBuilder { BusyboxPath = Busybox("dynamic", TestElf.WithProgramHeaders(TestElf.PtLoad, TestElf.PtInterp)) };

        var e = Assert.Throws<LinuxGuestException>(() => builder.Build());

        Assert.That(e!.Failure, Is.EqualTo(LinuxGuestFailure.HostTool));
        Assert.That(e.Message, Does.Contain("busybox-static").And.Contain("dynamically linked"));
    }

    [Test]
    public void WhenBusyboxIsMissing_FailsNamingBusyboxStatic()
    {
        var builder = new InitramfsBuilder { BusyboxPath = Path.Combine(_dir, "absent") };

        var e = Assert.Throws<LinuxGuestException>(() => builder.Build());

        Assert.That(e!.Message, Does.Contain("busybox-static"));
    }
}
