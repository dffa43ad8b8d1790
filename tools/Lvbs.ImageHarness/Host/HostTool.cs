namespace Lvbs.ImageHarness.Host;

/// <summary>
/// An executable the image build or boot needs from the host, and the Debian package that
/// provides it (named in error messages so the fix is one <c>apt-get install</c> away).
/// </summary>
/// <param name="Command">The executable name looked up on PATH.</param>
/// <param name="AptPackage">The Debian package that installs it.</param>
/// <param name="Purpose">What the project uses it for, for messages.</param>
public sealed record HostTool(string Command, string AptPackage, string Purpose);
