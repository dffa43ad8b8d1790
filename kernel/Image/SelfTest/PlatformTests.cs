using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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
        SelfTestRunner.Run("platform.aes-ni-intrinsic", AesNi);
        SelfTestRunner.Run("platform.pclmulqdq-intrinsic", CarrylessMultiply);
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

    // One AES round of an all-zero state with an all-zero key is SubBytes(0) = 0x63 in every
    // byte (ShiftRows and MixColumns leave a uniform state unchanged): FIPS 197 §5.1.
    private static string? AesNi()
    {
        if (!Aes.IsSupported)
        {
            return "Aes.IsSupported is false in the image";
        }
        Vector128<byte> round = Aes.Encrypt(Vector128<byte>.Zero, Vector128<byte>.Zero);
        for (int i = 0; i < 16; i++)
        {
            if (round.GetElement(i) != 0x63)
            {
                return "AESENC(0, 0) is not 0x63 in every byte";
            }
        }
        return null;
    }

    // (x + 1)(x + 1) = x^2 + 1 over GF(2): 3 clmul 3 = 5.
    private static string? CarrylessMultiply()
    {
        if (!Pclmulqdq.IsSupported)
        {
            return "Pclmulqdq.IsSupported is false in the image";
        }
        Vector128<ulong> product = Pclmulqdq.CarrylessMultiply(Vector128.Create(3UL, 0UL), Vector128.Create(3UL, 0UL), 0x00);
        return product.GetElement(0) == 5 && product.GetElement(1) == 0 ? null : "PCLMULQDQ(3, 3) is not 5";
    }
}
