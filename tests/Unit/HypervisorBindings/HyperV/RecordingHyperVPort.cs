using System;
using System.Collections.Generic;
using Lvbs.Hypervisor.HyperV.Backend;

namespace Lvbs.Tests.Unit.HypervisorBindings.HyperV;

/// <summary>Records every hypercall (control word + input page copy) and answers from a script.</summary>
internal sealed class RecordingHyperVPort : IHyperVPort
{
    private readonly byte[] _input = new byte[4096];
    private readonly byte[] _output = new byte[4096];

    public List<(ulong Control, byte[] Input)> Calls { get; } = new();

    /// <summary>Results to return, in order; when empty: success with all reps completed.</summary>
    public Queue<ulong> Results { get; } = new();

    /// <summary>Called on each hypercall to fill the output page.</summary>
    public Action<ulong, byte[], byte[]>? OnHypercall { get; set; }

    public byte[] Assist { get; } = new byte[4096];

    public byte[] Synic { get; } = new byte[4096];

    public List<(uint Msr, ulong Value)> MsrWrites { get; } = new();

    public List<HvLowerGprs> Returns { get; } = new();

    /// <summary>GPRs VTL0 "has" on the next entry.</summary>
    public HvLowerGprs NextEntryGprs { get; set; }

    public byte[] Physical { get; } = new byte[1 << 20];

    public Span<byte> InputPage() => _input;

    public Span<byte> OutputPage() => _output;

    public ulong Hypercall(ulong control)
    {
        Calls.Add((control, (byte[])_input.Clone()));
        OnHypercall?.Invoke(control, _input, _output);
        if (Results.Count > 0)
        {
            return Results.Dequeue();
        }

        ulong reps = (control >> 32) & 0xFFF;
        return reps << 32;
    }

    public void VtlReturn(ref HvLowerGprs lower)
    {
        Returns.Add(lower);
        lower = NextEntryGprs;
    }

    public Span<byte> VpAssistPage() => Assist;

    public Span<byte> SynicMessagePage() => Synic;

    public void WriteMsr(uint msr, ulong value) => MsrWrites.Add((msr, value));

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
