using System;
using System.Collections.Generic;
using Lvbs.Hypervisor.Tdx.Backend;

namespace Lvbs.Tests.Unit.HypervisorBindings.Tdx;

/// <summary>Records every TDCALL; answers with <see cref="Respond"/> (default: success, outputs = inputs with RAX 0).</summary>
internal sealed class RecordingTdxPort : ITdxPort
{
    public const ulong GuestStateGpa = 0x3000;

    public List<TdcallRegisters> Calls { get; } = new();

    public Func<TdcallRegisters, TdcallRegisters>? Respond { get; set; }

    public byte[] GuestState { get; } = new byte[160];

    public uint CurrentVp { get; set; }

    public TdcallRegisters Tdcall(in TdcallRegisters registers)
    {
        Calls.Add(registers);
        if (Respond != null)
        {
            return Respond(registers);
        }

        TdcallRegisters o = registers;
        o.Rax = 0;
        return o;
    }

    public Span<byte> L2GuestState(out ulong gpa)
    {
        gpa = GuestStateGpa;
        return GuestState;
    }

    public bool ReadPhysical(ulong gpa, Span<byte> destination) => gpa < 0x10000;

    public bool WritePhysical(ulong gpa, ReadOnlySpan<byte> source) => gpa < 0x10000;
}
