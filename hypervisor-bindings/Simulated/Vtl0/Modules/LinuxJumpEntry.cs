using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace Lvbs.Hypervisor.Simulated.Vtl0.Modules;

/// <summary>
/// One entry of a loaded module's relocated <c>__jump_table</c>, read the way Linux's
/// <c>jump_entry_code/target/key</c> read it (include/linux/jump_label.h, CONFIG_HAVE_ARCH_JUMP_LABEL_RELATIVE):
/// PREL32 code and target, PREL64 key whose bit 0 is the branch flag and bit 1 the init flag.
/// </summary>
public readonly record struct LinuxJumpEntry(ulong Code, ulong Target, ulong Key, bool Branch, bool Init)
{
    private const int EntrySize = 16;

    /// <summary>The module's entries in table order (empty when it has no <c>__jump_table</c>).</summary>
    public static IReadOnlyList<LinuxJumpEntry> Read(LinuxLoadedModule module)
    {
        var entries = new List<LinuxJumpEntry>();
        LinuxModuleSection? table = module.FindSection("__jump_table");
        if (table is null)
        {
            return entries;
        }

        for (ulong e = table.Va; e + EntrySize <= table.Va + table.Size; e += EntrySize)
        {
            ulong code = e + (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(module.At(e, 4));
            ulong target = e + 4 + (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(module.At(e + 4, 4));
            ulong keyField = e + 8 + BinaryPrimitives.ReadUInt64LittleEndian(module.At(e + 8, 8));
            entries.Add(new LinuxJumpEntry(code, target, keyField & ~3UL, (keyField & 1) != 0, (keyField & 2) != 0));
        }

        return entries;
    }

    /// <summary>The key state <paramref name="current"/> (the site's first two bytes or more) encodes: a JMP means enabled XOR branch.</summary>
    public bool KeyEnabled(ReadOnlySpan<byte> current) => (current[0] == 0xE9 || current[0] == 0xEB) ^ Branch;

    /// <summary>
    /// The instruction Linux writes for this entry when its key is <paramref name="enabled"/>
    /// (<c>jump_label_type = enabled ^ branch</c>; arch/x86/kernel/jump_label.c
    /// <c>__jump_label_patch</c>): JMP to the target or the NOP of the same length, the length
    /// taken from the current instruction (2 for <c>eb</c>/<c>66 90</c>, else 5).
    /// </summary>
    public byte[] Instruction(ReadOnlySpan<byte> current, bool enabled)
    {
        int length = current[0] == 0xEB || (current[0] == 0x66 && current[1] == 0x90) ? 2 : 5;
        bool jump = enabled ^ Branch;
        if (!jump)
        {
            return length == 2 ? new byte[] { 0x66, 0x90 } : new byte[] { 0x0F, 0x1F, 0x44, 0x00, 0x00 };
        }

        long rel = (long)Target - (long)(Code + (ulong)length);
        if (length == 2)
        {
            if (rel < sbyte.MinValue || rel > sbyte.MaxValue)
            {
                throw new InvalidOperationException("jump label target out of JMP8 range");
            }

            return new byte[] { 0xEB, unchecked((byte)rel) };
        }

        byte[] jmp = new byte[5];
        jmp[0] = 0xE9;
        BinaryPrimitives.WriteInt32LittleEndian(jmp.AsSpan(1), checked((int)rel));
        return jmp;
    }
}
