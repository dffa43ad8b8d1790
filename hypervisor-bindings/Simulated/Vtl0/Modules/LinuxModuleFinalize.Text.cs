using System;
using System.Buffers.Binary;

namespace Lvbs.Hypervisor.Simulated.Vtl0.Modules;

public static partial class LinuxModuleFinalize
{
    // x86_nops (64-bit P6 NOPs), indexed by length 1..8, as Linux's table is.
    private static readonly byte[][] X86Nops =
    {
        Array.Empty<byte>(),
        new byte[] { 0x90 },
        new byte[] { 0x66, 0x90 },
        new byte[] { 0x0f, 0x1f, 0x00 },
        new byte[] { 0x0f, 0x1f, 0x40, 0x00 },
        new byte[] { 0x0f, 0x1f, 0x44, 0x00, 0x00 },
        new byte[] { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 },
        new byte[] { 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 },
        new byte[] { 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
    };

    private const byte CallOpcode = 0xe8, Jmp32Opcode = 0xe9, Jmp8Opcode = 0xeb, RetOpcode = 0xc3, Int3Opcode = 0xcc, Nop1 = 0x90;

    /// <summary>add_nops: NOP8 chunks then the remainder.</summary>
    private static void AddNops(Span<byte> insns)
    {
        while (!insns.IsEmpty)
        {
            int n = Math.Min(insns.Length, 8);
            X86Nops[n].CopyTo(insns);
            insns = insns[n..];
        }
    }

    /// <summary>optimize_nops_range from <paramref name="off"/>: a 0x90 run of two or more becomes add_nops.</summary>
    private static void OptimizeNopsRange(Span<byte> instr, int off)
    {
        int i = off;
        while (i < instr.Length && instr[i] == Nop1)
        {
            i++;
        }

        if (i - off > 1)
        {
            AddNops(instr[off..i]);
        }
    }

    /// <summary>
    /// optimize_nops over a site. Linux decodes instructions to find 0x90 runs; the runs that
    /// occur at load are the ALTERNATIVE padding at the end of a site, found here as the trailing
    /// 0x90 run (the sites in the Debian modules end in call/jmp rel32 or padding).
    /// </summary>
    private static void OptimizeNops(Span<byte> instr)
    {
        int start = instr.Length;
        while (start > 0 && instr[start - 1] == Nop1)
        {
            start--;
        }

        OptimizeNopsRange(instr, start);
    }

    /// <summary>__text_gen_insn for a 5-byte call/jmp at <paramref name="addr"/>.</summary>
    private static void GenBranch(Span<byte> buf, byte opcode, ulong addr, ulong dest)
    {
        long rel = (long)dest - (long)(addr + 5);
        if (rel < int.MinValue || rel > int.MaxValue)
        {
            throw new InvalidOperationException("branch out of rel32 range");
        }

        buf[0] = opcode;
        BinaryPrimitives.WriteInt32LittleEndian(buf[1..], (int)rel);
    }

    private static ulong BranchDest(ReadOnlySpan<byte> insn, int immOffset, ulong addr, int length) =>
        addr + (ulong)length + (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(insn[immOffset..]);
}
