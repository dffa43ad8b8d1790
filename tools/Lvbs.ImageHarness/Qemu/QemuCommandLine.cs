using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Lvbs.ImageHarness.Qemu;

/// <summary>
/// The QEMU arguments for a boot: q35, TCG (there is no /dev/kvm), one CPU, no display, no
/// default devices, COM1 on stdio, isa-debug-exit at port 0xf4, and <c>-no-reboot</c> so a
/// triple fault ends QEMU (status 0) instead of looping.
/// </summary>
public static class QemuCommandLine
{
    /// <summary>Builds the argument list for <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The memory size is not positive.</exception>
    public static IReadOnlyList<string> Build(QemuBootOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MemoryMiB);
        var args = new List<string>
        {
            "-machine", "q35",
            "-cpu", "max",
            "-m", string.Create(CultureInfo.InvariantCulture, $"{options.MemoryMiB}M"),
            "-smp", "1",
            "-display", "none",
            "-no-reboot",
            "-nodefaults",
            // signal=off: Ctrl-C goes to the host tool, which kills QEMU itself.
            "-chardev", "stdio,id=com1,signal=off",
            "-serial", "chardev:com1",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-kernel", options.KernelPath,
        };
        if (options.InitrdPath is { } initrd)
        {
            args.Add("-initrd");
            args.Add(initrd);
        }

        if (options.CommandLine.Length > 0)
        {
            args.Add("-append");
            args.Add(options.CommandLine);
        }

        args.AddRange(options.ExtraArguments);
        return args;
    }

    /// <summary>The command as a copy-pasteable shell line, for logs.</summary>
    public static string Format(QemuBootOptions options) =>
        string.Join(' ', new[] { options.QemuExecutable }.Concat(Build(options)).Select(Quote));

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_=.,/:+@".Contains(c))
            ? arg
            : "'" + arg.Replace("'", "'\\''") + "'";
}
