using System;
using System.Runtime.InteropServices;

namespace Lvbs.Abi.Heki;

/// <summary>
/// One <c>struct kexec_segment</c> of the kimage prefix (lvbs-abi.md §1.3): VTL0 buffer VA and
/// size, destination physical address and size.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct KexecSegment
{
    /// <summary>Size in bytes.</summary>
    public const int Size = 32;

    /// <summary>Source buffer (VTL0 VA).</summary>
    [FieldOffset(0)] public ulong Buf;
    /// <summary>Source size.</summary>
    [FieldOffset(8)] public ulong BufSize;
    /// <summary>Destination physical address.</summary>
    [FieldOffset(16)] public ulong Mem;
    /// <summary>Destination size (page multiple in Linux).</summary>
    [FieldOffset(24)] public ulong MemSize;
}
