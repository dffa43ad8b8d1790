using System;
using System.IO;

namespace Lvbs.ImageHarness;

/// <summary>
/// Well-known paths of the repository: the image project and the artifacts it produces.
/// Everything is located relative to the directory holding <c>Lvbs.SecureKernel.sln</c>.
/// </summary>
public sealed class RepoLayout
{
    /// <summary>The solution file that marks the repository root.</summary>
    public const string SolutionFileName = "Lvbs.SecureKernel.sln";

    /// <summary>Creates a layout rooted at <paramref name="root"/>.</summary>
    public RepoLayout(string root)
    {
        Root = Path.GetFullPath(root);
    }

    /// <summary>The repository root.</summary>
    public string Root { get; }

    /// <summary>The project that links the freestanding image.</summary>
    public string ImageProject => Path.Combine(Root, "kernel", "Image", "Lvbs.Kernel.Image.csproj");

    /// <summary>The bootable image (ELF64, PVH entry note).</summary>
    public string ImageElf => Path.Combine(Root, "artifacts", "lvbs-kernel.elf");

    /// <summary>The same image without symbols or debug sections.</summary>
    public string StrippedElf => Path.Combine(Root, "artifacts", "lvbs-kernel.stripped.elf");

    /// <summary>
    /// Folders whose sources go into the image; a change under any of them means a rebuild.
    /// </summary>
    public string[] ImageSourceFolders =>
        [Path.Combine(Root, "kernel"), Path.Combine(Root, "abi"), Path.Combine(Root, "hypervisor-bindings"), Path.Combine(Root, "trusted-apps")];

    /// <summary>
    /// Walks up from <paramref name="start"/> (default: the current directory, then this
    /// assembly's directory) to the first directory containing the solution file.
    /// </summary>
    public static RepoLayout Discover(string? start = null)
    {
        foreach (var candidate in new[] { start, Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            if (candidate is not null && TryFindRoot(candidate) is { } root)
            {
                return new RepoLayout(root);
            }
        }

        throw new DirectoryNotFoundException(
            $"Could not find {SolutionFileName} above '{start ?? Directory.GetCurrentDirectory()}': run from inside the repository.");
    }

    private static string? TryFindRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
