using System;
using System.Buffers.Binary;
using System.Linq;

namespace Lvbs.Hypervisor.Simulated.Vtl0.Modules;

public static partial class LinuxModuleFinalize
{
    /// <summary>
    /// post_relocation's sort_extable: <c>__ex_table</c> entries {s32 insn; s32 fixup; s32 data}
    /// ordered by instruction address, insn and fixup re-based on the new slot, data moved as is.
    /// </summary>
    private static void SortExceptionTable(LinuxLoadedModule module)
    {
        if (!Table(module, "__ex_table", out ulong start, out int size) || size % 12 != 0)
        {
            return;
        }

        Span<byte> table = module.At(start, size);
        int n = size / 12;
        var entries = new (ulong Insn, ulong Fixup, int Data)[n];
        for (int i = 0; i < n; i++)
        {
            ulong at = start + (ulong)(i * 12);
            entries[i] = (
                at + (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(table[(i * 12)..]),
                at + 4 + (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(table[((i * 12) + 4)..]),
                BinaryPrimitives.ReadInt32LittleEndian(table[((i * 12) + 8)..]));
        }

        var sorted = entries.OrderBy(e => e.Insn).ToArray();
        for (int i = 0; i < n; i++)
        {
            ulong at = start + (ulong)(i * 12);
            BinaryPrimitives.WriteInt32LittleEndian(table[(i * 12)..], checked((int)unchecked((long)(sorted[i].Insn - at))));
            BinaryPrimitives.WriteInt32LittleEndian(table[((i * 12) + 4)..], checked((int)unchecked((long)(sorted[i].Fixup - (at + 4)))));
            BinaryPrimitives.WriteInt32LittleEndian(table[((i * 12) + 8)..], sorted[i].Data);
        }
    }

    /// <summary>ftrace_process_locs: a module's <c>__mcount_loc</c> is sorted ascending in place.</summary>
    private static void SortMcountLoc(LinuxLoadedModule module)
    {
        if (!Table(module, "__mcount_loc", out ulong start, out int size))
        {
            return;
        }

        Span<byte> table = module.At(start, size);
        ulong[] ips = new ulong[size / 8];
        for (int i = 0; i < ips.Length; i++)
        {
            ips[i] = BinaryPrimitives.ReadUInt64LittleEndian(table[(i * 8)..]);
        }

        Array.Sort(ips);
        for (int i = 0; i < ips.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(table[(i * 8)..], ips[i]);
        }
    }

    /// <summary>
    /// unwind_module_init: <c>.orc_unwind_ip</c> (PREL32) is sorted by address, each entry re-based
    /// on its new slot, and <c>.orc_unwind</c> (6-byte entries) permuted with it; among equal
    /// addresses an entry with an undefined SP register that is not an end marker comes first.
    /// </summary>
    private static void UnwindModuleInit(LinuxLoadedModule module)
    {
        if (!Table(module, ".orc_unwind_ip", out ulong ipVa, out int ipSize) || !Table(module, ".orc_unwind", out ulong orcVa, out int orcSize)
            || ipSize % 4 != 0 || orcSize % 6 != 0 || ipSize / 4 != orcSize / 6)
        {
            return;
        }

        int n = ipSize / 4;
        Span<byte> ipTable = module.At(ipVa, ipSize);
        Span<byte> orcTable = module.At(orcVa, orcSize);
        var entries = new (ulong Ip, bool First, byte[] Orc)[n];
        for (int i = 0; i < n; i++)
        {
            ulong ip = ipVa + (ulong)(i * 4) + (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(ipTable[(i * 4)..]);
            byte[] orc = orcTable.Slice(i * 6, 6).ToArray();
            bool undefinedSp = (orc[4] & 0x0f) == 0;
            bool end = (orc[5] & 0x04) != 0;
            entries[i] = (ip, undefinedSp && !end, orc);
        }

        var sorted = entries.OrderBy(e => e.Ip).ThenBy(e => e.First ? 0 : 1).ToArray();
        for (int i = 0; i < n; i++)
        {
            long rel = unchecked((long)(sorted[i].Ip - (ipVa + (ulong)(i * 4))));
            BinaryPrimitives.WriteInt32LittleEndian(ipTable[(i * 4)..], checked((int)rel));
            sorted[i].Orc.CopyTo(orcTable[(i * 6)..]);
        }
    }
}
