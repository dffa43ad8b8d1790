using System;
using System.Buffers.Binary;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Modules.Elf;

namespace Lvbs.Kernel.Modules.Relocation;

/// <summary>
/// One x86-64 RELA relocation as Linux's <c>apply_relocate_add</c> (arch/x86/kernel/module.c)
/// performs it: NONE, 64, 32, 32S, PC32, PLT32 (no PLT in a module, so S + A − P) and PC64;
/// any other type is ENOEXEC. 32 and 32S fail with ENOEXEC when the value does not survive
/// truncation, like Linux; PC32/PLT32 are also checked for signed 32-bit overflow, which Linux
/// skips (a displacement that does not fit is never what the module meant). The slot must be
/// zero before the write (Linux: "Invalid relocation target, existing value is nonzero"),
/// which also refuses two relocations on one slot.
/// </summary>
public static class X86Relocation
{
    /// <summary>
    /// Applies relocation <paramref name="type"/> with value S + A = <paramref name="value"/>
    /// at <paramref name="slot"/> (offset <paramref name="offset"/> of a section whose bytes
    /// are <paramref name="section"/>) whose address is <paramref name="place"/>.
    /// Returns 0 or ENOEXEC; nothing is written on failure.
    /// </summary>
    public static int Apply(uint type, Span<byte> section, ulong offset, ulong value, ulong place)
    {
        int size;
        ulong v = value;
        switch (type)
        {
            case ElfConstants.RelocNone:
                return 0;
            case ElfConstants.Reloc64:
                size = 8;
                break;
            case ElfConstants.Reloc32:
                if (v > uint.MaxValue)
                {
                    return (int)LinuxErrno.ENOEXEC;
                }

                size = 4;
                break;
            case ElfConstants.Reloc32S:
                if ((long)v != (int)v)
                {
                    return (int)LinuxErrno.ENOEXEC;
                }

                size = 4;
                break;
            case ElfConstants.RelocPc32:
            case ElfConstants.RelocPlt32:
                v = unchecked(value - place);
                if ((long)v != (int)v)
                {
                    return (int)LinuxErrno.ENOEXEC;
                }

                size = 4;
                break;
            case ElfConstants.RelocPc64:
                v = unchecked(value - place);
                size = 8;
                break;
            default:
                return (int)LinuxErrno.ENOEXEC;
        }

        if (offset > (ulong)section.Length || (ulong)size > (ulong)section.Length - offset)
        {
            return (int)LinuxErrno.ENOEXEC;
        }

        Span<byte> slot = section.Slice((int)offset, size);
        for (int i = 0; i < size; i++)
        {
            if (slot[i] != 0)
            {
                return (int)LinuxErrno.ENOEXEC;
            }
        }

        if (size == 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(slot, v);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(slot, (uint)v);
        }

        return 0;
    }
}
