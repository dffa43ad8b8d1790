using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Lvbs.ImageHarness.Build;

/// <summary>
/// Decides whether the image needs a rebuild without starting MSBuild: the image must exist
/// and be newer than every source, project and props file that can go into it. MSBuild's own
/// incremental checks remain the authority once a build runs.
/// </summary>
public static class ImageFreshness
{
    private static readonly string[] SourcePatterns = ["*.cs", "*.csproj", "*.props", "*.targets", "*.asm", "*.inc", "*.ld"];

    /// <summary>True if <see cref="RepoLayout.ImageElf"/> exists and no input is newer.</summary>
    public static bool IsUpToDate(RepoLayout layout) => NewerInput(layout) is null && File.Exists(layout.ImageElf);

    /// <summary>
    /// The first input file newer than the image (the reason to rebuild), or null. Also null
    /// when the image is missing, which callers check separately.
    /// </summary>
    public static string? NewerInput(RepoLayout layout)
    {
        if (!File.Exists(layout.ImageElf))
        {
            return null;
        }

        var built = File.GetLastWriteTimeUtc(layout.ImageElf);
        var rootFiles = new[] { "Directory.Build.props", "Directory.Packages.props", "Directory.Build.targets" }
            .Select(f => Path.Combine(layout.Root, f))
            .Where(File.Exists);
        return rootFiles.Concat(layout.ImageSourceFolders.Where(Directory.Exists).SelectMany(EnumerateInputs))
            .FirstOrDefault(f => File.GetLastWriteTimeUtc(f) > built);
    }

    private static IEnumerable<string> EnumerateInputs(string folder)
    {
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var pattern in SourcePatterns)
            {
                foreach (var file in Directory.EnumerateFiles(dir, pattern))
                {
                    yield return file;
                }
            }

            foreach (var sub in Directory.EnumerateDirectories(dir))
            {
                var name = Path.GetFileName(sub);
                // Build outputs are not inputs.
                if (name is not ("bin" or "obj") && !name.StartsWith('.'))
                {
                    pending.Push(sub);
                }
            }
        }
    }
}
