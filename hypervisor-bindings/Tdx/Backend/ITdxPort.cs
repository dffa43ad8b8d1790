using System;

namespace Lvbs.Hypervisor.Tdx.Backend;

/// <summary>
/// The one instruction the TDX backend (running in L1) needs, plus per-VP pages. TDCALL acts
/// on the current vCPU only, so the backend refuses operations on other VPs.
/// </summary>
public interface ITdxPort
{
    /// <summary>Executes TDCALL with <paramref name="registers"/> and returns the output registers.</summary>
    TdcallRegisters Tdcall(in TdcallRegisters registers);

    /// <summary>Index of the vCPU this code runs on.</summary>
    uint CurrentVp { get; }

    /// <summary>This vCPU's L2 guest-state list (160 bytes) and its GPA.</summary>
    Span<byte> L2GuestState(out ulong gpa);

    /// <summary>Copies from L2 memory; false if unmapped.</summary>
    bool ReadPhysical(ulong gpa, Span<byte> destination);

    /// <summary>Copies to L2 memory; false if unmapped.</summary>
    bool WritePhysical(ulong gpa, ReadOnlySpan<byte> source);
}
