using System.Runtime;
using System.Runtime.CompilerServices;
using Lvbs.Hypervisor.NativeSvm.Backend;

namespace Lvbs.Kernel.Image.NativeSvm;

/// <summary>The native SVM backend's instruction port: the routines in kernel/Boot/svm.asm.</summary>
internal sealed unsafe class AsmSvmPort : ISvmPort
{
    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_svm_vmrun")]
    private static extern void VmRun(ulong vmcbPa, SvmGuestContext* context);

    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_svm_vmsave")]
    private static extern void VmSave(ulong pa);

    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_rdmsr")]
    private static extern ulong RdMsr(uint msr);

    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_wrmsr")]
    private static extern void WrMsr(uint msr, ulong value);

    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_xgetbv0")]
    private static extern ulong XGetBv0();

    [MethodImpl(MethodImplOptions.InternalCall)]
    [RuntimeImport("lvbs_xsetbv0")]
    private static extern void XSetBv0(ulong value);

    public ulong ReadXcr0() => XGetBv0();

    public void WriteXcr0(ulong value) => XSetBv0(value);

    public ulong ReadMsr(uint msr) => RdMsr(msr);

    public void WriteMsr(uint msr, ulong value) => WrMsr(msr, value);

    public void Cpuid(uint leaf, out uint eax, out uint ebx, out uint ecx, out uint edx)
    {
        Lvbs.Runtime.Cpu.CpuidResult r = Lvbs.Runtime.Cpu.Cpuid(leaf);
        eax = r.Eax;
        ebx = r.Ebx;
        ecx = r.Ecx;
        edx = r.Edx;
    }

    public void Run(ulong vmcbPa, SvmGuestContext* context) => VmRun(vmcbPa, context);

    public void SaveHostState(ulong pa) => VmSave(pa);
}
