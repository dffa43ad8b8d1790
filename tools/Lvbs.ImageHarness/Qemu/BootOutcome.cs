namespace Lvbs.ImageHarness.Qemu;

/// <summary>How a boot ended, as seen from the host.</summary>
public enum BootOutcome
{
    /// <summary>The image exited with <c>KernelExitCode.Success</c>.</summary>
    Success,

    /// <summary>The image ran its self-tests and at least one failed.</summary>
    TestsFailed,

    /// <summary>A <c>throw</c> reached the top of the kernel.</summary>
    UnhandledException,

    /// <summary>The kernel reported a CPU exception.</summary>
    CpuException,

    /// <summary>The kernel panicked.</summary>
    Panic,

    /// <summary>The image wrote an exit value the kernel does not define.</summary>
    UnknownExitValue,

    /// <summary>QEMU exited with status 0: under <c>-no-reboot</c> that is a triple fault or reset.</summary>
    TripleFault,

    /// <summary>The image did not exit before the timeout and QEMU was killed.</summary>
    Timeout,

    /// <summary>QEMU itself failed (status 1: bad arguments, unreadable kernel...).</summary>
    QemuError,

    /// <summary>The QEMU executable is not installed.</summary>
    QemuMissing,

    /// <summary>The caller cancelled the boot (Ctrl-C) and QEMU was killed.</summary>
    Cancelled,
}
