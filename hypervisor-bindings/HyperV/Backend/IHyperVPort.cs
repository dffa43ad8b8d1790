using System;

namespace Lvbs.Hypervisor.HyperV.Backend;

/// <summary>
/// The instructions and per-VP pages the Hyper-V backend needs. In the image this is a few
/// lines of assembly over the hypercall page; in tests a recording port checks the exact
/// registers and bytes each operation produces.
/// </summary>
public interface IHyperVPort
{
    /// <summary>The current VP's 4 KiB hypercall input page.</summary>
    Span<byte> InputPage();

    /// <summary>The current VP's 4 KiB hypercall output page.</summary>
    Span<byte> OutputPage();

    /// <summary>Issues a memory-based hypercall: RCX = <paramref name="control"/>, RDX/R8 = input/output page GPAs. Returns RAX.</summary>
    ulong Hypercall(ulong control);

    /// <summary>
    /// Loads <paramref name="lower"/> into the GPRs, calls hypercall page + vtl_return offset
    /// with RCX = 0, and on the next VTL1 entry stores the lower VTL's GPRs back.
    /// </summary>
    void VtlReturn(ref HvLowerGprs lower);

    /// <summary>The current VP's assist page.</summary>
    Span<byte> VpAssistPage();

    /// <summary>The current VP's SynIC message page (SINT0 slot at offset 0).</summary>
    Span<byte> SynicMessagePage();

    /// <summary>WRMSR.</summary>
    void WriteMsr(uint msr, ulong value);

    /// <summary>Copies from VTL0 physical memory through VTL1's mapping; false if unmapped.</summary>
    bool ReadPhysical(ulong gpa, Span<byte> destination);

    /// <summary>Copies to VTL0 physical memory through VTL1's mapping; false if unmapped.</summary>
    bool WritePhysical(ulong gpa, ReadOnlySpan<byte> source);
}
