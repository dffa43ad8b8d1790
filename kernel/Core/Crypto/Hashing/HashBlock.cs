using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Lvbs.Kernel.Crypto.Hashing;

/// <summary>
/// 64 bytes of inline storage for a partial message block. Plain fields rather than a fixed
/// buffer or inline array so that the freestanding runtime needs no extra attribute types.
/// </summary>
// The fields are only reached through AsSpan, which the compiler cannot see.
#pragma warning disable CS0169
internal struct HashBlock64
{
    private ulong _0, _1, _2, _3, _4, _5, _6, _7;

    /// <summary>The 64 bytes as a span over the caller's storage.</summary>
    public static Span<byte> AsSpan(ref HashBlock64 block) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<ulong, byte>(ref block._0), 64);
}

/// <summary>128 bytes of inline storage for SHA-384/512 partial blocks.</summary>
internal struct HashBlock128
{
    private HashBlock64 _lo, _hi;

    /// <summary>The 128 bytes as a span over the caller's storage.</summary>
    public static Span<byte> AsSpan(ref HashBlock128 block) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<HashBlock64, byte>(ref block._lo), 128);
}
#pragma warning restore CS0169
