using System;
using System.Buffers.Binary;

namespace Lvbs.Kernel.Modules.Content.Rewrites;

/// <summary>
/// The few x86-64 encodings Linux's load-time patchers write: the P6 NOP table
/// (<c>x86_nops</c>, module-signatures.md §5.1), <c>add_nops</c>, the NOP-run optimisation of
/// <c>optimize_nops_range</c>, and rel32 branches.
/// </summary>
internal static class X86Text
{
    /// <summary>Longest single NOP in the table (ASM_NOP_MAX).</summary>
    public const int NopMax = 8;

    /// <summary>NOP1..NOP8 back to back (BYTES_NOP1..BYTES_NOP8, 64-bit P6 NOPs).</summary>
    private static readonly byte[] Nops =
    {
        0x90,
        0x66, 0x90,
        0x0f, 0x1f, 0x00,
        0x0f, 0x1f, 0x40, 0x00,
        0x0f, 0x1f, 0x44, 0x00, 0x00,
        0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00,
        0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00,
        0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00,
    };

    /// <summary>The single NOP of <paramref name="length"/> (1..8) bytes.</summary>
    public static ReadOnlySpan<byte> Nop(int length)
    {
        int start = (length - 1) * length / 2;
        return new ReadOnlySpan<byte>(Nops, start, length);
    }

    /// <summary>Fills <paramref name="destination"/> the way <c>add_nops</c> does: NOP8 chunks, then one shorter NOP.</summary>
    public static void AddNops(Span<byte> destination)
    {
        int at = 0;
        while (at < destination.Length)
        {
            int length = Math.Min(destination.Length - at, NopMax);
            Nop(length).CopyTo(destination.Slice(at));
            at += length;
        }
    }

    /// <summary>
    /// <c>optimize_nops_range</c> at <paramref name="start"/>: a run of two or more 0x90 bytes up
    /// to the end of <paramref name="site"/> becomes <c>add_nops</c> of the run's length.
    /// </summary>
    public static void OptimizeNopRun(Span<byte> site, int start)
    {
        int end = start;
        while (end < site.Length && site[end] == 0x90)
        {
            end++;
        }

        if (end - start > 1)
        {
            AddNops(site.Slice(start, end - start));
        }
    }

    /// <summary>
    /// <c>optimize_nops</c> on bytes whose instruction boundaries are unknown: the trailing run of
    /// 0x90 bytes (the assembler's ALTERNATIVE padding) is the run Linux's decoder finds, since
    /// the instructions before it (call/jmp rel32 to kernel addresses) do not end in 0x90.
    /// </summary>
    public static void OptimizeTrailingNops(Span<byte> site)
    {
        int start = site.Length;
        while (start > 0 && site[start - 1] == 0x90)
        {
            start--;
        }

        OptimizeNopRun(site, start);
    }

    /// <summary>Writes <c>opcode rel32</c> at <paramref name="at"/> so that it reaches <paramref name="target"/>; false when out of range.</summary>
    public static bool WriteBranch32(Span<byte> buffer, int at, byte opcode, ulong instructionVa, ulong target)
    {
        long rel = (long)(target - (instructionVa + 5));
        if (rel < int.MinValue || rel > int.MaxValue || at + 5 > buffer.Length)
        {
            return false;
        }

        buffer[at] = opcode;
        BinaryPrimitives.WriteInt32LittleEndian(buffer.Slice(at + 1), (int)rel);
        return true;
    }

    /// <summary>The target of a rel32 whose field is at <paramref name="field"/> and whose instruction ends at <paramref name="nextIp"/>.</summary>
    public static ulong Rel32Target(ReadOnlySpan<byte> buffer, int field, ulong nextIp)
        => nextIp + (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(buffer.Slice(field));

    /// <summary>True when <paramref name="site"/> starts with <c>opcode rel32</c> to <paramref name="target"/>.</summary>
    public static bool IsBranch32To(ReadOnlySpan<byte> site, byte opcode, ulong siteVa, ulong target)
        => site.Length >= 5 && site[0] == opcode && Rel32Target(site, 1, siteVa + 5) == target;
}
