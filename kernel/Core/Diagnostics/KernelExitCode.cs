namespace Lvbs.Kernel.Diagnostics;

/// <summary>
/// The value the image writes to QEMU's isa-debug-exit port when it stops. QEMU turns value
/// <c>v</c> into process status <c>(v &lt;&lt; 1) | 1</c>, so no value here can be confused with
/// QEMU's own failure status 1 or with a triple fault under <c>-no-reboot</c> (status 0).
/// </summary>
public enum KernelExitCode : byte
{
    /// <summary>The kernel finished its work (or every self-test passed). QEMU status 33.</summary>
    Success = 0x10,

    /// <summary>Self-tests ran and at least one failed. QEMU status 35.</summary>
    TestsFailed = 0x11,

    /// <summary>A <c>throw</c> reached the top: the exception type and message were printed. QEMU status 251.</summary>
    UnhandledException = 0x7D,

    /// <summary>A CPU exception (page fault, #GP, #UD...) was reported. QEMU status 253.</summary>
    CpuException = 0x7E,

    /// <summary>The kernel found its own state corrupt (or ran out of memory) and stopped. QEMU status 255.</summary>
    Panic = 0x7F,
}
