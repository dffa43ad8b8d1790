using System;

namespace Lvbs.ImageHarness.Linux;

/// <summary>What went wrong while preparing the Linux guest on the host.</summary>
public enum LinuxGuestFailure
{
    /// <summary>A host tool (apt-get, apt-cache, dpkg, busybox) is missing or unsuitable.</summary>
    HostTool,

    /// <summary>The Debian kernel package could not be resolved or downloaded (often: no network).</summary>
    Download,

    /// <summary>The downloaded package could not be extracted or held no kernel.</summary>
    Extract,

    /// <summary>An input (kernel, initramfs, command line) is unusable.</summary>
    InvalidInput,
}

/// <summary>
/// A failure preparing the Linux guest (kernel download, initramfs, blob), with a message that
/// says what to do. <see cref="Failure"/> lets callers tell "no network" apart from bugs.
/// </summary>
public sealed class LinuxGuestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LinuxGuestException(LinuxGuestFailure failure, string message, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
    }

    /// <summary>The kind of failure.</summary>
    public LinuxGuestFailure Failure { get; }
}
