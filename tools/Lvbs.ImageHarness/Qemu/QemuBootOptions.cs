using System;
using System.Collections.Generic;

namespace Lvbs.ImageHarness.Qemu;

/// <summary>One boot of a kernel image under QEMU.</summary>
public sealed record QemuBootOptions
{
    /// <summary>The default limit on a boot: generous for TCG on a loaded 2-core machine.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The ELF64 image passed to <c>-kernel</c> (loaded through its PVH note).</summary>
    public required string KernelPath { get; init; }

    /// <summary>The kernel command line (<c>-append</c>), e.g. <c>selftest</c> or <c>fault=null</c>.</summary>
    public string CommandLine { get; init; } = string.Empty;

    /// <summary>How long the image may run before QEMU is killed.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>The default guest memory: ample for the secure kernel and its test guest.</summary>
    public const int DefaultMemoryMiB = 128;

    /// <summary>Guest memory in MiB (<c>-m NM</c>); a Linux guest needs 512.</summary>
    public int MemoryMiB { get; init; } = DefaultMemoryMiB;

    /// <summary>
    /// A file passed as <c>-initrd</c>, which reaches the image as PVH module 0 (e.g. the Linux
    /// guest blob); null passes none.
    /// </summary>
    public string? InitrdPath { get; init; }

    /// <summary>The QEMU executable: a name looked up on PATH, or a path.</summary>
    public string QemuExecutable { get; init; } = "qemu-system-x86_64";

    /// <summary>Extra arguments appended after the standard ones.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}
