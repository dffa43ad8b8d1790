using Lvbs.Runtime;

namespace Lvbs.Kernel.Image.SelfTest;

/// <summary>What the boot stub set up: extended state, the memory map, the command line.</summary>
internal static class PlatformTests
{
    internal static void Register()
    {
        SelfTestRunner.Run("platform.xsave-state-enabled", XsaveEnabled);
        SelfTestRunner.Run("platform.heap-from-memory-map", HeapFromMemoryMap);
        SelfTestRunner.Run("platform.command-line-parsed", CommandLineParsed);
    }

    private static string? XsaveEnabled()
    {
        if (!Cpu.HasXsave)
        {
            return null; // nothing to enable on this CPU
        }
        ulong xcr0 = Cpu.ReadXcr0();
        if ((xcr0 & 3) != 3)
        {
            return "XCR0 lacks x87/SSE state";
        }
        return !Cpu.HasAvx || (xcr0 & 4) != 0 ? null : "AVX present but its state is not enabled";
    }

    private static string? HeapFromMemoryMap() =>
        Heap.SizeBytes >= 1024 * 1024 ? null : "heap smaller than 1 MiB";

    private static string? CommandLineParsed()
    {
        if (!BootInfo.HasFlag("selftest"))
        {
            return "selftest flag not found on the command line";
        }
        if (BootInfo.HasFlag("selftes") || BootInfo.HasFlag("no-such-flag"))
        {
            return "a prefix or absent flag matched";
        }
        return BootInfo.TryParseSize(new byte[] { (byte)'4', (byte)'M' }, out ulong bytes) && bytes == 4UL << 20 &&
               !BootInfo.TryParseSize(new byte[] { (byte)'M' }, out _) ? null : "size parsing";
    }
}
