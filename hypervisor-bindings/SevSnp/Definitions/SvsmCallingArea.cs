using System.Runtime.InteropServices;

namespace Lvbs.Hypervisor.SevSnp.Definitions;

/// <summary>
/// Header of the per-vCPU SVSM Calling Area page (Linux asm/sev.h struct svsm_ca; COCONUT
/// SvsmCaa): call_pending u8 @0, mem_available u8 @1, reserved @2..7, buffer @8.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct SvsmCallingArea
{
    /// <summary>Header size; the buffer starts here.</summary>
    public const int Size = 8;
    /// <summary>Offset of <see cref="CallPending"/>.</summary>
    public const int CallPendingOffset = 0;

    /// <summary>Set by the caller before switching to VMPL0; cleared by the SVSM.</summary>
    [FieldOffset(CallPendingOffset)] public byte CallPending;
    /// <summary>Memory available flag.</summary>
    [FieldOffset(1)] public byte MemAvailable;
    /// <summary>COCONUT: no_eoi_required.</summary>
    [FieldOffset(2)] public byte NoEoiRequired;
    /// <summary>Reserved.</summary>
    [FieldOffset(3)] public byte Reserved0;
    /// <summary>Reserved.</summary>
    [FieldOffset(4)] public uint Reserved1;
}
