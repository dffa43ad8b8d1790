using System;

namespace Lvbs.ImageHarness.Linux;

/// <summary>The guest kernel <see cref="LinuxGuestKernel"/> provided.</summary>
/// <param name="Package">The Debian package it came from, e.g. linux-image-6.1.0-56-cloud-amd64.</param>
/// <param name="VmlinuzPath">The bzImage in the cache.</param>
/// <param name="Downloaded">False when the cached file was reused.</param>
/// <param name="Elapsed">Time spent downloading and extracting (zero when cached).</param>
public sealed record LinuxGuestKernelFile(string Package, string VmlinuzPath, bool Downloaded, TimeSpan Elapsed);
