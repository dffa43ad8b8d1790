namespace Lvbs.Hypervisor.HyperV.Definitions;

/// <summary>
/// The hypercall control word in RCX (TLFS; OVMM-hvdef hypercall::Control; Linux hvgdk_mini.h):
/// bits 0–15 call code, 16 fast, 17–26 variable header size (qwords), 31 nested,
/// 32–43 rep count, 48–59 rep start index.
/// </summary>
public static class HypercallControl
{
    /// <summary>Fast-call bit.</summary>
    public const ulong FastBit = 1UL << 16;
    /// <summary>Shift of the variable-header size.</summary>
    public const int VariableHeaderShift = 17;
    /// <summary>Nested bit.</summary>
    public const ulong NestedBit = 1UL << 31;
    /// <summary>Shift of the rep count.</summary>
    public const int RepCountShift = 32;
    /// <summary>Shift of the rep start index.</summary>
    public const int RepStartShift = 48;
    /// <summary>Largest rep count or start index (12 bits).</summary>
    public const ushort MaxRep = 0xFFF;

    /// <summary>Encodes a memory-based (slow) call.</summary>
    public static ulong Encode(HypercallCode code, ushort repCount, ushort repStart)
    {
        return (ulong)code | ((ulong)(repCount & MaxRep) << RepCountShift) | ((ulong)(repStart & MaxRep) << RepStartShift);
    }

    /// <summary>Status of a hypercall result (RAX bits 0–15).</summary>
    public static HvStatus Status(ulong result) => (HvStatus)(ushort)(result & 0xFFFF);

    /// <summary>Reps completed (RAX bits 32–43).</summary>
    public static ushort RepsCompleted(ulong result) => (ushort)((result >> 32) & MaxRep);
}
