namespace Lvbs.Hypervisor.NativeSvm.Backend;

/// <summary>
/// The privileged instructions the native SVM backend needs. In the image they are a few lines
/// of assembly (kernel/Boot/svm.asm); tests substitute a recording port.
/// </summary>
public unsafe interface ISvmPort
{
    ulong ReadMsr(uint msr);

    void WriteMsr(uint msr, ulong value);

    void Cpuid(uint leaf, out uint eax, out uint ebx, out uint ecx, out uint edx);

    /// <summary>XGETBV with ECX = 0. VMRUN does not switch XCR0, so this is the guest's value too.</summary>
    ulong ReadXcr0();

    /// <summary>XSETBV with ECX = 0 (the caller has checked the value).</summary>
    void WriteXcr0(ulong value);

    /// <summary>Enters the guest described by the VMCB at <paramref name="vmcbPa"/> until the next #VMEXIT.</summary>
    void Run(ulong vmcbPa, SvmGuestContext* context);

    /// <summary>VMSAVE of the current (host) hidden state into the page at <paramref name="pa"/>.</summary>
    void SaveHostState(ulong pa);
}

/// <summary>Zeroed, 4 KiB-aligned pages of host physical memory, identity-mapped in the host.</summary>
public interface IHostPages
{
    /// <summary>The physical address of a new zeroed page, or 0 when memory is exhausted.</summary>
    ulong AllocateZeroedPage();

    /// <summary>The physical address of <paramref name="count"/> new zeroed, contiguous pages, or 0.</summary>
    ulong AllocateZeroedPages(int count);
}
