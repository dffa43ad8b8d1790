using System;
using System.Collections.Generic;
using Lvbs.Hypervisor.SevSnp.Backend;

namespace Lvbs.Tests.Unit.HypervisorBindings.SevSnp;

/// <summary>Records every SNP instruction with its operands; answers from scripts.</summary>
internal sealed class RecordingSnpPort : ISnpPort
{
    public const ulong DirectMap = 0xFFFF_8000_0000_0000;
    public const ulong GhcbGpa = 0x7000;
    public const ulong NewVmsaGpa = 0x9000;

    public List<(ulong Rax, ulong Rcx, ulong Rdx)> RmpAdjusts { get; } = new();
    public Queue<ulong> RmpResults { get; } = new();
    public List<(ulong Rax, ulong Rcx, ulong Rdx)> Pvalidates { get; } = new();
    public bool PvalidateCarry { get; set; }
    public List<(uint Msr, ulong Value)> MsrWrites { get; } = new();
    public Dictionary<uint, ulong> Msrs { get; } = new();
    public int Vmgexits { get; private set; }
    public Action? OnVmgexit { get; set; }
    public byte[] GhcbPage { get; } = new byte[4096];
    public byte[][] Vmsas { get; } = { new byte[4096], new byte[4096] };
    public byte[][] Caas { get; } = { new byte[4096], new byte[4096] };
    public byte[] HigherVmsa { get; } = new byte[4096];
    public byte[] Physical { get; } = new byte[1 << 16];

    public ulong RmpAdjust(ulong rax, ulong rcx, ulong rdx)
    {
        RmpAdjusts.Add((rax, rcx, rdx));
        return RmpResults.Count > 0 ? RmpResults.Dequeue() : 0;
    }

    public ulong Pvalidate(ulong rax, ulong rcx, ulong rdx, out bool carry)
    {
        Pvalidates.Add((rax, rcx, rdx));
        carry = PvalidateCarry;
        return 0;
    }

    public ulong ReadMsr(uint msr) => Msrs.TryGetValue(msr, out ulong v) ? v : 0;

    public void WriteMsr(uint msr, ulong value)
    {
        MsrWrites.Add((msr, value));
        Msrs[msr] = value;
    }

    public void Vmgexit()
    {
        Vmgexits++;
        OnVmgexit?.Invoke();
    }

    public Span<byte> Ghcb(out ulong gpa)
    {
        gpa = GhcbGpa;
        return GhcbPage;
    }

    public Span<byte> LowerVmsa(uint vp) => Vmsas[vp];

    public Span<byte> CallingArea(uint vp) => Caas[vp];

    public Span<byte> NewHigherVmsa(uint vp, out ulong gpa, out ulong va)
    {
        gpa = NewVmsaGpa;
        va = DirectMap + NewVmsaGpa;
        return HigherVmsa;
    }

    public ulong VirtualAddressOf(ulong gpa) => DirectMap + gpa;

    public bool ReadPhysical(ulong gpa, Span<byte> destination)
    {
        if (gpa + (ulong)destination.Length > (ulong)Physical.Length)
        {
            return false;
        }

        Physical.AsSpan((int)gpa, destination.Length).CopyTo(destination);
        return true;
    }

    public bool WritePhysical(ulong gpa, ReadOnlySpan<byte> source)
    {
        if (gpa + (ulong)source.Length > (ulong)Physical.Length)
        {
            return false;
        }

        source.CopyTo(Physical.AsSpan((int)gpa));
        return true;
    }
}
