using System;

namespace Lvbs.Hypervisor.SevSnp.Backend;

/// <summary>
/// The instructions and pages the SEV-SNP backend (running at VMPL0) needs. In the image these
/// are single instructions (RMPADJUST, PVALIDATE, RDMSR/WRMSR, VMGEXIT = rep vmmcall); in tests
/// a recording port checks every operand.
/// </summary>
public interface ISnpPort
{
    /// <summary>RMPADJUST with RAX/RCX/RDX; returns RAX.</summary>
    ulong RmpAdjust(ulong rax, ulong rcx, ulong rdx);

    /// <summary>PVALIDATE with RAX/RCX/RDX; returns RAX, <paramref name="carry"/> = CF.</summary>
    ulong Pvalidate(ulong rax, ulong rcx, ulong rdx, out bool carry);

    /// <summary>RDMSR.</summary>
    ulong ReadMsr(uint msr);

    /// <summary>WRMSR.</summary>
    void WriteMsr(uint msr, ulong value);

    /// <summary>VMGEXIT. For a run-VMPL request it returns when VMPL0 runs again.</summary>
    void Vmgexit();

    /// <summary>This VP's GHCB page and its GPA.</summary>
    Span<byte> Ghcb(out ulong gpa);

    /// <summary>The lower VMPL's VMSA of <paramref name="vp"/> (mapped in VMPL0).</summary>
    Span<byte> LowerVmsa(uint vp);

    /// <summary>The SVSM calling area of <paramref name="vp"/>.</summary>
    Span<byte> CallingArea(uint vp);

    /// <summary>A fresh zeroed page for VMPL0's VMSA on <paramref name="vp"/>, with its GPA and VMPL0 VA.</summary>
    Span<byte> NewHigherVmsa(uint vp, out ulong gpa, out ulong va);

    /// <summary>VMPL0's virtual address of guest physical <paramref name="gpa"/> (RMPADJUST takes a VA).</summary>
    ulong VirtualAddressOf(ulong gpa);

    /// <summary>Copies from lower-VMPL memory; false if unmapped.</summary>
    bool ReadPhysical(ulong gpa, Span<byte> destination);

    /// <summary>Copies to lower-VMPL memory; false if unmapped.</summary>
    bool WritePhysical(ulong gpa, ReadOnlySpan<byte> source);
}
