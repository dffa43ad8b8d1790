namespace Lvbs.Runtime;

/// <summary>Stopping the machine. Under QEMU the isa-debug-exit device at port 0xF4 ends the run.</summary>
public static class Platform
{
    private const ushort DebugExitPort = 0xF4;

    /// <summary>Writes <paramref name="code"/> to isa-debug-exit (QEMU exits with (code &lt;&lt; 1) | 1), then halts.</summary>
    public static void Exit(byte code)
    {
        Native.OutDword(DebugExitPort, code);
        // Not under QEMU (or the device is absent): stop here for good.
        while (true)
        {
            Native.Halt();
        }
    }
}

/// <summary>
/// Exit values of the runtime's own stop paths. They equal Lvbs.Kernel.Diagnostics.KernelExitCode
/// (the contract the host reads); the image tests assert each path's status.
/// </summary>
internal static class ExitCodes
{
    internal const byte UnhandledException = 0x7D;
    internal const byte CpuException = 0x7E;
    internal const byte Panic = 0x7F;
}
