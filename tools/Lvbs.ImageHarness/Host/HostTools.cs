using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Lvbs.ImageHarness.Host;

/// <summary>
/// The host executables the project depends on and a PATH lookup for them. build.cake's
/// Setup target installs the same packages.
/// </summary>
public static class HostTools
{
    /// <summary>QEMU, which boots the image under TCG.</summary>
    public static readonly HostTool Qemu = new("qemu-system-x86_64", "qemu-system-x86", "boots the image");

    /// <summary>NASM, which assembles the boot stub.</summary>
    public static readonly HostTool Nasm = new("nasm", "nasm", "assembles the boot stub");

    /// <summary>LLVM's linker, which links the image.</summary>
    public static readonly HostTool Lld = new("ld.lld", "lld", "links the image");

    /// <summary>GNU binutils' nm, which lists the symbols embedded in the image.</summary>
    public static readonly HostTool Nm = new("nm", "binutils", "builds the image's symbol table");

    /// <summary>Tools the image build needs.</summary>
    public static IReadOnlyList<HostTool> ForBuild { get; } = [Nasm, Lld, Nm];

    /// <summary>Tools booting the image needs.</summary>
    public static IReadOnlyList<HostTool> ForBoot { get; } = [Qemu];

    /// <summary>Finds <paramref name="command"/> on PATH (or returns it if it is a path that exists).</summary>
    public static string? Find(string command)
    {
        if (command.Contains(Path.DirectorySeparatorChar))
        {
            return File.Exists(command) ? Path.GetFullPath(command) : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, command);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The tools among <paramref name="tools"/> that are not on PATH.</summary>
    public static IReadOnlyList<HostTool> Missing(IEnumerable<HostTool> tools) =>
        tools.Where(t => Find(t.Command) is null).ToList();

    /// <summary>
    /// A one-paragraph explanation naming the missing commands and the apt packages to install.
    /// </summary>
    public static string DescribeMissing(IReadOnlyCollection<HostTool> missing)
    {
        var commands = string.Join(", ", missing.Select(t => $"{t.Command} ({t.Purpose})"));
        var packages = string.Join(' ', missing.Select(t => t.AptPackage).Distinct());
        return $"Missing on this machine: {commands}. Install with: sudo apt-get install --no-install-recommends {packages}" +
               " (or run ./build.sh --target=Setup as root).";
    }
}
