using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Lvbs.Kernel.Crypto.Hashing;

namespace Lvbs.Native;

/// <summary>
/// The hosted twin of the image's SHA-NI engine: kernel/Boot/sha256-ni.asm built into
/// liblvbs_native.so (this project's build), reached through a function pointer. .NET exposes
/// no SHA intrinsics, hence the assembly. Available only when the library loads and the CPU has
/// SHA, SSSE3 and SSE4.1; otherwise <see cref="TryCreate"/> says why and hashing stays portable.
/// </summary>
public sealed unsafe class NativeSha256Engine : ISha256BlockEngine
{
    /// <summary>File name of the helper library, copied next to the assemblies that use it.</summary>
    public const string LibraryName = "liblvbs_native.so";

    private readonly delegate* unmanaged<Sha256State*, byte*, nuint, void> _blocks;

    private NativeSha256Engine(delegate* unmanaged<Sha256State*, byte*, nuint, void> blocks) => _blocks = blocks;

    /// <inheritdoc/>
    public string Name => "SHA-NI (native)";

    /// <summary>CPUID.(EAX=7,ECX=0):EBX bit 29 (SHA) and the SSSE3/SSE4.1 the routine also uses.</summary>
    public static bool CpuSupported =>
        X86Base.IsSupported && Ssse3.IsSupported && Sse41.IsSupported
        && X86Base.CpuId(0, 0).Eax >= 7 && (X86Base.CpuId(7, 0).Ebx & (1 << 29)) != 0;

    /// <summary>
    /// The engine, or null with <paramref name="reason"/> saying what is missing (no SHA
    /// extensions, no library next to this assembly, no export).
    /// </summary>
    public static NativeSha256Engine? TryCreate(out string reason)
    {
        if (!CpuSupported)
        {
            reason = "CPU lacks the SHA extensions";
            return null;
        }
        string directory = Path.GetDirectoryName(typeof(NativeSha256Engine).Assembly.Location) ?? AppContext.BaseDirectory;
        string path = Path.Combine(directory, LibraryName);
        if (!NativeLibrary.TryLoad(path, out IntPtr handle))
        {
            reason = LibraryName + " not found or not loadable (built with nasm + ld.lld)";
            return null;
        }
        if (!NativeLibrary.TryGetExport(handle, "lvbs_sha256_ni_blocks", out IntPtr export))
        {
            reason = LibraryName + " has no lvbs_sha256_ni_blocks";
            return null;
        }
        reason = "";
        return new NativeSha256Engine((delegate* unmanaged<Sha256State*, byte*, nuint, void>)export);
    }

    /// <inheritdoc/>
    public void Compress(ref Sha256State state, ReadOnlySpan<byte> blocks)
    {
        // The routine reads exactly the whole blocks passed and writes only the 32-byte state.
        fixed (Sha256State* s = &state)
        fixed (byte* p = blocks)
        {
            _blocks(s, p, (nuint)(blocks.Length / Sha256.BlockSize));
        }
    }
}
