using System;
using System.Buffers.Binary;
using Lvbs.Abi.Heki;

namespace Lvbs.Kernel.Modules.Content.Rewrites;

/// <summary>
/// Reading one site table from VTL1's relocated reference: its size must be a whole number of
/// entries and bounded; self-relative (PREL32) fields resolve against the entry's own address,
/// as Linux's <c>(void *)s + *s</c> does.
/// </summary>
internal static class SiteTable
{
    /// <summary>Most sites one module may declare in all tables together (kvm.ko, the largest, has about 10,000).</summary>
    public const int MaxSites = 1 << 18;

    /// <summary>The status for a malformed table or a site outside text (Linux's loader errno for bad ELF content).</summary>
    public const int Malformed = (int)LinuxErrno.ENOEXEC;

    /// <summary>
    /// Finds table <paramref name="name"/>. Returns 0 with <paramref name="count"/> = 0 when the
    /// module has none, ENOEXEC when its size is not a multiple of <paramref name="entrySize"/>
    /// or the table is too large.
    /// </summary>
    public static int Find(IRelocatedSections sections, ReadOnlySpan<byte> name, int entrySize,
                           out ulong va, out ReadOnlySpan<byte> table, out int count)
    {
        count = 0;
        if (!sections.TryGetSection(name, out va, out table))
        {
            table = default;
            return 0;
        }

        if (table.Length % entrySize != 0 || table.Length / entrySize > MaxSites)
        {
            table = default;
            return Malformed;
        }

        count = table.Length / entrySize;
        return 0;
    }

    /// <summary>The address a PREL32 field at <paramref name="offset"/> of <paramref name="table"/> (at <paramref name="tableVa"/>) points to.</summary>
    public static ulong Prel32(ReadOnlySpan<byte> table, ulong tableVa, int offset)
        => tableVa + (ulong)offset + (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(table.Slice(offset));

    /// <summary>The absolute 64-bit address at <paramref name="offset"/>.</summary>
    public static ulong Abs64(ReadOnlySpan<byte> table, int offset)
        => BinaryPrimitives.ReadUInt64LittleEndian(table.Slice(offset));

    /// <summary>The site's window length: <paramref name="preferred"/> when that many bytes lie in one text section, else <paramref name="minimum"/>; 0 when not even that does.</summary>
    public static int WindowLength(IRelocatedSections sections, ulong va, int preferred, int minimum)
    {
        if (sections.IsInText(va, preferred))
        {
            return preferred;
        }

        return sections.IsInText(va, minimum) ? minimum : 0;
    }
}
