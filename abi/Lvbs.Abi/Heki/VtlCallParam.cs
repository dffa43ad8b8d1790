using System;
using System.Runtime.InteropServices;

namespace Lvbs.Abi.Heki;

/// <summary>
/// VTL0's packed <c>struct hv_vtlcall_param { u64 a0, a1, a2, a3; }</c>
/// (LinuxVBS/linux drivers/hv/hv_vsm.h, lvbs-abi.md §1.1). On the wire a0..a3 travel in
/// RDI, RSI, RDX, R8; the result comes back in R8 as a signed value (negative errno).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct VtlCallParam
{
    /// <summary>Size in bytes.</summary>
    public const int Size = 32;

    /// <summary>Function id (RDI).</summary>
    [FieldOffset(0)] public ulong A0;
    /// <summary>First argument (RSI).</summary>
    [FieldOffset(8)] public ulong A1;
    /// <summary>Second argument (RDX).</summary>
    [FieldOffset(16)] public ulong A2;
    /// <summary>Third argument and result (R8).</summary>
    [FieldOffset(24)] public ulong A3;
}
