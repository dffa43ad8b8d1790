using System.Diagnostics;
using System.IO;
using Lvbs.Tests.Unit.Modules.Signature;
using NUnit.Framework;

namespace Lvbs.Tests.Unit.Cli;

/// <summary>
/// <c>./lvbs module verify</c> run as a process from the repository root (the script builds the
/// CLI when it is stale), on the Debian data. The unit project cannot reference the CLI
/// assembly directly (its ImageHarness dependency shares types with Lvbs.Kernel.Core).
/// </summary>
[TestFixture]
public class ModuleCommandTests
{
    private const int ErrorExit = 1;

    private static (int Exit, string Output) Run(params string[] args)
    {
        string repo = Path.GetFullPath(Path.Combine(DebianModules.Root, "..", "..", "..", "main"));
        for (DirectoryInfo? d = new DirectoryInfo(System.AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "lvbs")) && File.Exists(Path.Combine(d.FullName, "build.sh")))
            {
                repo = d.FullName;
                break;
            }
        }
        var psi = new ProcessStartInfo("bash") { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(repo, "lvbs"));
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
    public void AllRealModulesValidWithPemCert()
    {
        var args = new System.Collections.Generic.List<string> { "module", "verify", "--cert", DebianModules.PathOf("debian-6.1.0-56-signing_key.pem") };
        args.AddRange(DebianModules.ModulePaths);
        var (exit, output) = Run(args.ToArray());
        Assert.That(exit, Is.Zero, output);
        Assert.That(output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(20).And.All.EndsWith(": valid"));
    }

    [Test]
    public void RefusalsNameTheErrnoAndFailTheExitCode()
    {
        var (exit, output) = Run("module", "verify", "--cert", DebianModules.PathOf("debian-6.1.0-56-signing_key.x509"),
            DebianModules.PathOf("modules/crc7.ko"), DebianModules.PathOf("derived/tampered_body.ko"),
            DebianModules.PathOf("derived/unsigned.ko"), DebianModules.PathOf("derived/testkey_rsa4096_sha256.ko"));
        Assert.That(exit, Is.EqualTo(ErrorExit));
        Assert.That(output, Does.Contain("crc7.ko: valid"));
        Assert.That(output, Does.Contain("tampered_body.ko: ").And.Contain("(-EKEYREJECTED)"));
        Assert.That(output, Does.Contain("unsigned.ko: unsigned module (-ENODATA)"));
        Assert.That(output, Does.Contain("testkey_rsa4096_sha256.ko: not signed by a trusted key (-ENOKEY)"));
    }

    [Test]
    public void BlacklistAndRevokedOptions()
    {
        var (exit, output) = Run("module", "verify", "--cert", DebianModules.PathOf("debian-6.1.0-56-signing_key.x509"),
            "--blacklist", DebianModules.PathOf("example_blacklist_hash_list"), DebianModules.PathOf("modules/crc7.ko"));
        Assert.That(exit, Is.EqualTo(ErrorExit));
        Assert.That(output, Does.Contain("(-ENOKEY)"));
        (exit, output) = Run("module", "verify", "--cert", DebianModules.PathOf("debian-6.1.0-56-signing_key.x509"),
            "--cert", DebianModules.PathOf("derived/testkey_rsa4096.x509"),
            "--revoked", DebianModules.PathOf("derived/testkey_rsa4096.x509"),
            DebianModules.PathOf("modules/crc7.ko"), DebianModules.PathOf("derived/testkey_rsa4096_sha512.ko"));
        Assert.That(exit, Is.EqualTo(ErrorExit));
        Assert.That(output, Does.Contain("crc7.ko: valid"));
        Assert.That(output, Does.Contain("testkey_rsa4096_sha512.ko: ").And.Contain("(-EKEYREJECTED)"));
    }
}
