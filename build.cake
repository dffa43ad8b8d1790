// The build of Lvbs.SecureKernel. Run through the bootstrapper: ./build.sh --target=<Target>
//
//   Setup  installs the Debian packages the image build and boot need (qemu-system-x86, nasm,
//          lld, binutils, busybox-static) with apt-get when root; otherwise names what is
//          missing. (The Linux guest's kernel is fetched at test time with `apt-get download`,
//          which needs no extra package.)
//   Build  the whole solution.
//   Image  the freestanding image: artifacts/lvbs-kernel.elf (+ .stripped.elf).
//   Test   every test project under tests/ (unit, integration, image boots under QEMU); TRX
//          files in artifacts/test-results; ends with one line "N passed, N failed, N skipped".
//   Run    the main job: `lvbs run` (boots the image and streams its console).
//          Options: --selftest, --append="words", --timeout=<seconds>.
//   Bench  tools/Lvbs.Benchmarks, if it exists.
using System.Xml.Linq;

var target = Argument("target", "Build");
var configuration = Argument("configuration", "Release");

var root = MakeAbsolute(Directory("."));
var solution = root.CombineWithFilePath("Lvbs.SecureKernel.sln");
var imageProject = root.CombineWithFilePath("kernel/Image/Lvbs.Kernel.Image.csproj");
var cliProject = root.CombineWithFilePath("tools/Lvbs.Cli/Lvbs.Cli.csproj");
var benchDir = root.Combine("tools/Lvbs.Benchmarks");
var testResults = root.Combine("artifacts/test-results");

// Host commands the build and the image tests need, and the Debian package providing each.
// tools/Lvbs.ImageHarness/Host/HostTools.cs names the same packages in the CLI's messages.
var hostTools = new (string Command, string Package)[]
{
    ("qemu-system-x86_64", "qemu-system-x86"),
    ("nasm", "nasm"),
    ("ld.lld", "lld"),
    ("nm", "binutils"),
    // The Linux guest's initramfs (tools/Lvbs.ImageHarness/Linux) copies /bin/busybox; it has
    // no libc, so only the static build works (see IsPresent).
    ("busybox", "busybox-static"),
};

// Set by Test; printed after RunTarget so the summary is the last line of the run.
string testSummary = null;
var testsFailed = false;

Task("Setup")
    .Description("Install the Debian packages the image needs (qemu-system-x86, nasm, lld, binutils, busybox-static).")
    .Does(() =>
{
    var missing = hostTools.Where(t => !IsPresent(t)).ToList();
    if (missing.Count == 0)
    {
        Information("Host tools present: {0}", string.Join(", ", hostTools.Select(t => t.Command)));
        return;
    }

    var packages = string.Join(" ", missing.Select(t => t.Package).Distinct());
    var names = string.Join(", ", missing.Select(t => $"{t.Command} (apt package {t.Package})"));
    Information("Missing: {0}", names);
    if (FindOnPath("apt-get") is null)
    {
        throw new Exception($"Missing {names} and this is not a Debian/Ubuntu machine (no apt-get). Install the equivalents by hand.");
    }

    if (!IsRoot())
    {
        throw new Exception($"Missing {names}. Not running as root, so cannot install them. Run: sudo apt-get update && sudo apt-get install -y --no-install-recommends {packages}");
    }

    var env = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
    Exec("apt-get", "update -q", env);
    Exec("apt-get", $"install -y -q --no-install-recommends {packages}", env);

    var stillMissing = hostTools.Where(t => !IsPresent(t)).Select(t => t.Command).ToList();
    if (stillMissing.Count > 0)
    {
        throw new Exception($"apt-get finished but these are still missing: {string.Join(", ", stillMissing)}");
    }
});

Task("Build")
    .Description("Build the whole solution.")
    .IsDependentOn("Setup")
    .Does(() =>
{
    DotNetBuild(solution.FullPath, new DotNetBuildSettings { Configuration = configuration, NoLogo = true });
});

Task("Image")
    .Description("Build the freestanding image: artifacts/lvbs-kernel.elf.")
    .IsDependentOn("Setup")
    .Does(() =>
{
    if (!FileExists(imageProject))
    {
        throw new Exception($"{root.GetRelativePath(imageProject)} does not exist yet.");
    }

    // The image is always Release: it is what boots and what the tests measure.
    DotNetBuild(imageProject.FullPath, new DotNetBuildSettings { Configuration = "Release", NoLogo = true });
    foreach (var elf in new[] { "artifacts/lvbs-kernel.elf", "artifacts/lvbs-kernel.stripped.elf" })
    {
        var file = root.CombineWithFilePath(elf);
        if (!FileExists(file))
        {
            throw new Exception($"The image build succeeded but did not produce {elf}.");
        }

        Information("{0}: {1:N0} bytes", elf, new System.IO.FileInfo(file.FullPath).Length);
    }
});

Task("Test")
    .Description("Run every test project under tests/ and print one summary line.")
    .IsDependentOn("Setup")
    .IsDependentOn("Image")
    .Does(() =>
{
    // Ordinal order runs tests/Image first: it fetches the real Debian kernel into
    // artifacts/linux-guest, which tests/Integration's kexec flow then reads.
    var projects = GetFiles("./tests/**/*.csproj").OrderBy(p => p.FullPath, StringComparer.Ordinal).ToList();
    if (projects.Count == 0)
    {
        throw new Exception("No test projects under tests/.");
    }

    CleanDirectory(testResults);
    int passed = 0, failed = 0, skipped = 0;
    var broken = new List<string>();
    foreach (var project in projects)
    {
        var name = project.GetFilenameWithoutExtension().ToString();
        var trx = testResults.CombineWithFilePath(name + ".trx");
        Information("== {0}", root.GetRelativePath(project));
        try
        {
            DotNetTest(project.FullPath, new DotNetTestSettings
            {
                Configuration = configuration,
                NoLogo = true,
                Loggers = new[] { $"trx;LogFileName={name}.trx" },
                ResultsDirectory = testResults,
            });
        }
        catch (Exception e)
        {
            // dotnet test exits non-zero when a test fails; the TRX says how many. A project
            // that produced no TRX did not build or crashed: that is a failure of its own.
            Verbose("dotnet test {0}: {1}", name, e.Message);
        }

        if (!FileExists(trx))
        {
            Error("{0}: no test results (the project failed to build or the test host crashed).", name);
            broken.Add(name);
            continue;
        }

        var counters = XDocument.Load(trx.FullPath).Descendants().First(e => e.Name.LocalName == "Counters");
        int Count(string attribute) => int.TryParse((string)counters.Attribute(attribute), out var n) ? n : 0;
        var p = Count("passed");
        var f = Count("failed") + Count("error") + Count("timeout") + Count("aborted");
        var s = Count("notExecuted") + Count("inconclusive") + Count("notRunnable");
        Information("{0}: {1} passed, {2} failed, {3} skipped", name, p, f, s);
        passed += p;
        failed += f;
        skipped += s;
    }

    if (broken.Count > 0)
    {
        Error("Test projects without results: {0}", string.Join(", ", broken));
    }

    testsFailed = failed > 0 || broken.Count > 0;
    if (failed > 0)
    {
        Error("{0} test(s) failed; details above and in {1}.", failed, root.GetRelativePath(testResults));
    }
    testSummary = $"{passed} passed, {failed} failed" + (skipped > 0 ? $", {skipped} skipped" : string.Empty);
});

Task("Run")
    .Description("The main job: build the image and boot it in QEMU (lvbs run).")
    .IsDependentOn("Setup")
    .IsDependentOn("Image")
    .Does(() =>
{
    DotNetBuild(cliProject.FullPath, new DotNetBuildSettings { Configuration = "Release", NoLogo = true, Verbosity = DotNetVerbosity.Quiet });
    var args = new ProcessArgumentBuilder()
        .AppendQuoted(root.CombineWithFilePath("tools/Lvbs.Cli/bin/Release/net10.0/lvbs.dll").FullPath)
        .Append("run")
        .Append("--no-build");
    if (HasArgument("selftest"))
    {
        args.Append("--selftest");
    }

    if (HasArgument("append"))
    {
        args.Append("--append").AppendQuoted(Argument<string>("append"));
    }

    if (HasArgument("timeout"))
    {
        args.Append("--timeout").Append(Argument<int>("timeout").ToString());
    }

    var exit = StartProcess("dotnet", new ProcessSettings { Arguments = args, WorkingDirectory = root });
    if (exit != 0)
    {
        throw new Exception($"lvbs run exited with {exit} (see the line above for what the image reported).");
    }
});

Task("Bench")
    .Description("Run tools/Lvbs.Benchmarks (BenchmarkDotNet), if it exists.")
    .Does(() =>
{
    var project = GetFiles(benchDir.FullPath + "/*.csproj").FirstOrDefault();
    if (project is null)
    {
        Information("tools/Lvbs.Benchmarks does not exist yet: nothing to benchmark.");
        return;
    }

    DotNetRun(project.FullPath, new ProcessArgumentBuilder().Append("--filter").AppendQuoted(Argument("filter", "*")),
        new DotNetRunSettings { Configuration = "Release" });
});

RunTarget(target);

// After Cake's task report, so that the summary is the last line of the run.
if (testSummary is not null)
{
    Console.Out.Flush();
    Console.WriteLine(testSummary);
    Console.Out.Flush();
    if (testsFailed)
    {
        System.Environment.Exit(1);
    }
}

// A host tool counts as present when it is on PATH; busybox must also be statically linked
// (no PT_INTERP program header), because Debian's dynamic "busybox" package would not run
// inside the guest's libc-less initramfs.
bool IsPresent((string Command, string Package) tool)
{
    var path = FindOnPath(tool.Command);
    return path is not null && (tool.Package != "busybox-static" || IsStaticElf(path));
}

bool IsStaticElf(string path)
{
    var elf = System.IO.File.ReadAllBytes(path);
    if (elf.Length < 64 || elf[0] != 0x7F || elf[1] != (byte)'E' || elf[4] != 2)
    {
        return false;
    }

    var phoff = (long)BitConverter.ToUInt64(elf, 32);
    int phentsize = BitConverter.ToUInt16(elf, 54), phnum = BitConverter.ToUInt16(elf, 56);
    for (var i = 0; i < phnum && phoff + ((long)i * phentsize) + 4 <= elf.Length; i++)
    {
        if (BitConverter.ToUInt32(elf, (int)(phoff + ((long)i * phentsize))) == 3)
        {
            return false;
        }
    }

    return phnum > 0;
}

string FindOnPath(string command)
{
    foreach (var dir in (EnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
    {
        var candidate = System.IO.Path.Combine(dir, command);
        if (System.IO.File.Exists(candidate))
        {
            return candidate;
        }
    }

    return null;
}

bool IsRoot()
{
    var exit = StartProcess("id", new ProcessSettings { Arguments = "-u", RedirectStandardOutput = true }, out var output);
    return exit == 0 && output.FirstOrDefault()?.Trim() == "0";
}

void Exec(string tool, string arguments, IDictionary<string, string> environment)
{
    Information("$ {0} {1}", tool, arguments);
    var exit = StartProcess(tool, new ProcessSettings { Arguments = arguments, EnvironmentVariables = environment });
    if (exit != 0)
    {
        throw new Exception($"{tool} {arguments} failed with exit code {exit}.");
    }
}
