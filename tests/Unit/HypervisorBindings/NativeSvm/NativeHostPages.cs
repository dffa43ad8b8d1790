using System;
using System.Runtime.InteropServices;
using Lvbs.Hypervisor.NativeSvm.Backend;

namespace Lvbs.Tests.Unit.HypervisorBindings.NativeSvm;

/// <summary>
/// Host "physical" pages for hosted tests: aligned native memory, whose addresses stand in for
/// physical addresses exactly as the image's identity map makes them.
/// </summary>
internal sealed unsafe class NativeHostPages : IHostPages, IDisposable
{
    private readonly byte* _base;
    private readonly int _count;
    private int _next;

    public NativeHostPages(int count)
    {
        _count = count;
        _base = (byte*)NativeMemory.AlignedAlloc((nuint)count * 4096, 4096);
        NativeMemory.Clear(_base, (nuint)count * 4096);
    }

    public int Used => _next;

    public ulong AllocateZeroedPage() => AllocateZeroedPages(1);

    public ulong AllocateZeroedPages(int count)
    {
        if (_next + count > _count)
        {
            return 0;
        }
        ulong pa = (ulong)(_base + _next * 4096);
        _next += count;
        return pa;
    }

    public void Dispose() => NativeMemory.AlignedFree(_base);
}

/// <summary>A port that records what the backend asks of the CPU and answers CPUID from a table.</summary>
internal sealed unsafe class RecordingSvmPort : ISvmPort
{
    public uint ExtendedEcx = 1u << 2;   // SVM
    public uint SvmEdx = 1u << 0;         // nested paging
    public ulong Efer = 0xD01;
    public ulong HostSavePa;
    public ulong HostStatePa;
    public int Runs;
    /// <summary>What each VMRUN "does": called with the VMCB address and the context.</summary>
    public Action<ulong, IntPtr>? OnRun;

    public ulong Xcr0 = 0x7;

    public ulong ReadXcr0() => Xcr0;

    public void WriteXcr0(ulong value) => Xcr0 = value;

    public ulong ReadMsr(uint msr) => msr == 0xC000_0080 ? Efer : 0;

    public void WriteMsr(uint msr, ulong value)
    {
        if (msr == 0xC000_0080)
        {
            Efer = value;
        }
        else if (msr == 0xC001_0117)
        {
            HostSavePa = value;
        }
    }

    public void Cpuid(uint leaf, out uint eax, out uint ebx, out uint ecx, out uint edx)
    {
        eax = ebx = ecx = edx = 0;
        if (leaf == 0x8000_0000)
        {
            eax = 0x8000_001F;
        }
        else if (leaf == 0x8000_0001)
        {
            ecx = ExtendedEcx;
        }
        else if (leaf == 0x8000_000A)
        {
            edx = SvmEdx;
        }
    }

    public void Run(ulong vmcbPa, SvmGuestContext* context)
    {
        Runs++;
        OnRun?.Invoke(vmcbPa, (IntPtr)context);
    }

    public void SaveHostState(ulong pa) => HostStatePa = pa;
}
