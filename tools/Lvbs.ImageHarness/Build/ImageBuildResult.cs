using System;
using System.Collections.Generic;

namespace Lvbs.ImageHarness.Build;

/// <summary>The outcome of building the image project.</summary>
/// <param name="Succeeded">True if <c>dotnet build</c> exited 0 and the image exists.</param>
/// <param name="ExitCode">The exit code of <c>dotnet build</c>; null when nothing was run.</param>
/// <param name="Output">The build's output lines (stdout then stderr).</param>
/// <param name="Elapsed">Wall time of the build.</param>
/// <param name="Message">Why it failed, or what was done, in one sentence.</param>
public sealed record ImageBuildResult(bool Succeeded, int? ExitCode, IReadOnlyList<string> Output, TimeSpan Elapsed, string Message);
