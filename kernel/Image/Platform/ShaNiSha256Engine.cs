using System;
using System.Runtime;
using System.Runtime.CompilerServices;
using Lvbs.Kernel.Crypto.Hashing;
using Lvbs.Runtime;

namespace Lvbs.Kernel.Image.Platform;

/// <summary>
/// SHA-256 compression with the x86 SHA extensions (kernel/Boot/sha256-ni.asm), installed at
/// boot when CPUID reports them (leaf 7 EBX bit 29 SHA, leaf 1 ECX SSSE3 and SSE4.1). Without
/// them the kernel keeps the portable C# engine.
/// </summary>
internal sealed unsafe class ShaNiSha256Engine : ISha256BlockEngine
{
    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_sha256_ni_blocks")]
    private static extern void Blocks(Sha256State* state, byte* data, nuint blockCount);

    public string Name => "SHA-NI";

    /// <summary>Whether this CPU can run the routine.</summary>
    internal static bool IsSupported => Cpu.HasShaNi && Cpu.HasSsse3 && Cpu.HasSse41;

    public void Compress(ref Sha256State state, ReadOnlySpan<byte> blocks)
    {
        // SAFETY: the state and the input are pinned for the call; the routine reads exactly
        // blockCount whole 64-byte blocks (the remainder of a non-multiple is not passed) and
        // writes only the 32-byte state.
        fixed (Sha256State* s = &state)
        fixed (byte* p = blocks)
        {
            Blocks(s, p, (nuint)(blocks.Length / Sha256.BlockSize));
        }
    }

    /// <summary>
    /// Installs the engine when the CPU has the extensions and it passes the known-answer
    /// self-test (<see cref="Sha256Engines.TryInstall"/>); prints which engine hashes.
    /// </summary>
    internal static void InstallIfSupported()
    {
        bool failed = IsSupported && !Sha256Engines.TryInstall(new ShaNiSha256Engine());
        Console.Write("  sha256: ");
        Console.Write(Sha256Engines.Active.Name);
        Console.WriteLine(failed ? " (SHA-NI failed its self-test)" : "");
    }
}
