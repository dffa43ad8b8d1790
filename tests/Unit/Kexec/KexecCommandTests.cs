using System;
using System.Diagnostics;
using System.IO;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Kexec;

/// <summary>
/// <c>./lvbs kexec verify</c> and <c>inspect</c> run as processes from the repository root on
/// synthetic signed images (the unit project cannot reference the CLI assembly directly).
/// </summary>
[TestFixture]
public class KexecCommandTests
{
    private string _dir = null!;

    [OneTimeSetUp]
    public void WriteFiles()
    {
        _dir = Path.Combine(Path.GetTempPath(), "lvbs-kexec-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        var (image, _) = AuthenticodeVerifierTests.Signed();
        File.WriteAllBytes(Path.Combine(_dir, "good.efi"), image);
        byte[] tampered = (byte[])image.Clone();
        tampered[0x500] ^= 1;
        File.WriteAllBytes(Path.Combine(_dir, "tampered.efi"), tampered);
        File.WriteAllBytes(Path.Combine(_dir, "root.der"), TestPki.Root.RawData);
        File.WriteAllText(Path.Combine(_dir, "other.pem"), TestPki.Other.ExportCertificatePem());
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(_dir, recursive: true);

    private string F(string name) => Path.Combine(_dir, name);

    private static (int Exit, string Output) Run(params string[] args)
    {
        string? repo = null;
        for (DirectoryInfo? d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "lvbs")) && File.Exists(Path.Combine(d.FullName, "build.sh")))
            {
                repo = d.FullName;
                break;
            }
        }
        Assert.That(repo, Is.Not.Null, "repository root (lvbs script) not found above " + AppContext.BaseDirectory);
        var psi = new ProcessStartInfo("bash") { WorkingDirectory = repo!, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(repo!, "lvbs"));
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using Process p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        TestContext.Out.WriteLine(stderr.Result);
        return (p.ExitCode, stdout);
    }

    [Test]
    public void VerifyPrintsOneLinePerImageAndFailsUnlessAllAreValid()
    {
        var (exit, output) = Run("kexec", "verify", "--cert", F("root.der"), F("good.efi"));
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain(F("good.efi") + ": valid"));

        (exit, output) = Run("kexec", "verify", "--cert", F("root.der"), F("good.efi"), F("tampered.efi"));
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain(F("good.efi") + ": valid"));
        Assert.That(output, Does.Contain(F("tampered.efi") + ": ").And.Contain("(-EKEYREJECTED)"));

        (exit, output) = Run("kexec", "verify", "--cert", F("other.pem"), F("good.efi"));
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("(-ENOKEY)"));
    }

    [Test]
    public void InspectShowsSectionsDigestAndSigner()
    {
        var (exit, output) = Run("kexec", "inspect", F("good.efi"), "--save-signer", F("signer.der"));
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("section      .text"));
        Assert.That(output, Does.Contain("(matches the signed digest)"));
        Assert.That(output, Does.Contain("CN=LVBS kexec test signer"));
        Assert.That(File.ReadAllBytes(F("signer.der")), Is.EqualTo(TestPki.Signer.RawData));

        (exit, output) = Run("kexec", "inspect", F("tampered.efi"));
        Assert.That(output, Does.Contain("signed digest differs"));
        Assert.That(exit, Is.Zero, "inspect reports; verify judges");
    }
}
