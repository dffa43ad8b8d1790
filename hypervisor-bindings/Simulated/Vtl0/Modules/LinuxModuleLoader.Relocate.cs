using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using Lvbs.Abi.Heki;

namespace Lvbs.Hypervisor.Simulated.Vtl0.Modules;

/// <summary>layout_symtab, simplify_symbols and apply_relocations of the simulated loader.</summary>
public static partial class LinuxModuleLoader
{
    private const ushort ShnUndef = 0, ShnAbs = 0xfff1, ShnCommon = 0xfff2, ShnLivepatch = 0xff20;

    // layout_symtab (CONFIG_KALLSYMS, KALLSYMS_ALL): the full symtab and strtab go to the end of
    // MOD_INIT_DATA, room for the core symbols' copy to the end of MOD_DATA.
    private static void LayoutSymtab(byte[] f, Shdr[] sh, int symIndex, ulong[] size)
    {
        Shdr symsect = sh[symIndex];
        Shdr strsect = sh[symsect.Link];
        symsect.Flags |= ShfAlloc;
        symsect.MemOffset = Place(size, (int)ModMemType.InitData, symsect);
        symsect.MemType = (int)ModMemType.InitData;

        int nsrc = (int)(symsect.Size / 24);
        ulong strtabSize = 0;
        ulong ndst = 0;
        for (int i = 0; i < nsrc; i++)
        {
            ReadOnlySpan<byte> sym = f.AsSpan((int)symsect.Offset + (24 * i), 24);
            uint name = BinaryPrimitives.ReadUInt32LittleEndian(sym);
            ushort shndx = BinaryPrimitives.ReadUInt16LittleEndian(sym.Slice(6));
            bool core = i == 0 || (shndx != ShnUndef && shndx < sh.Length && name != 0
                && (sh[shndx].Flags & ShfAlloc) != 0 && !IsInitType(sh[shndx].MemType));
            if (core)
            {
                strtabSize += (ulong)CStr(f, strsect.Offset + name, strsect.Offset + strsect.Size).Length + 1;
                ndst++;
            }
        }

        ulong align = symsect.Align == 0 ? 1 : symsect.Align;
        ulong symoffs = (size[(int)ModMemType.Data] + align - 1) / align * align;
        size[(int)ModMemType.Data] = symoffs + (ndst * 24) + strtabSize + ndst;

        strsect.Flags |= ShfAlloc;
        strsect.MemOffset = Place(size, (int)ModMemType.InitData, strsect);
        strsect.MemType = (int)ModMemType.InitData;
        int d = (int)ModMemType.InitData;
        size[d] = (size[d] + 7) & ~7UL;
        size[d] += 32; // struct mod_kallsyms
        size[d] += (ulong)nsrc;
    }

    private static bool IsInitType(int t) =>
        t == (int)ModMemType.InitText || t == (int)ModMemType.InitData || t == (int)ModMemType.InitRoData;

    private static ulong[] SimplifySymbols(byte[] f, Shdr[] sh, int symIndex, int pcpu, Func<string, ulong?> lookup)
    {
        Shdr symsect = sh[symIndex];
        Shdr strsect = sh[symsect.Link];
        int n = (int)(symsect.Size / 24);
        var values = new ulong[n];
        for (int i = 1; i < n; i++)
        {
            ReadOnlySpan<byte> sym = f.AsSpan((int)symsect.Offset + (24 * i), 24);
            string name = CStr(f, strsect.Offset + BinaryPrimitives.ReadUInt32LittleEndian(sym), strsect.Offset + strsect.Size);
            byte bind = (byte)(sym[4] >> 4);
            ushort shndx = BinaryPrimitives.ReadUInt16LittleEndian(sym.Slice(6));
            ulong value = BinaryPrimitives.ReadUInt64LittleEndian(sym.Slice(8));
            switch (shndx)
            {
                case ShnCommon:
                    throw Fail("Please compile with -fno-common", LinuxErrno.ENOEXEC);
                case ShnAbs:
                case ShnLivepatch:
                    values[i] = value;
                    break;
                case ShnUndef:
                    ulong? resolved = lookup(name);
                    if (resolved is null && bind != 2)
                    {
                        throw Fail("Unknown symbol " + name, LinuxErrno.ENOENT);
                    }

                    values[i] = resolved ?? value;
                    break;
                default:
                    if (shndx >= sh.Length || shndx == pcpu)
                    {
                        throw Fail("bad symbol section", LinuxErrno.ENOEXEC);
                    }

                    values[i] = unchecked(sh[shndx].Addr + value);
                    break;
            }
        }

        return values;
    }

    private static void ApplyRelocations(byte[] f, Shdr[] sh, int symIndex, ulong[] values,
                                         Dictionary<ModMemType, LinuxModuleRegion> regions, byte[][] bytes)
    {
        for (int i = 1; i < sh.Length; i++)
        {
            uint infosec = sh[i].Info;
            if (infosec >= sh.Length || (sh[infosec].Flags & ShfAlloc) == 0)
            {
                continue;
            }

            if (sh[i].Type == ShtRel)
            {
                throw Fail("REL relocation unsupported", LinuxErrno.ENOEXEC);
            }

            if (sh[i].Type != ShtRela)
            {
                continue;
            }

            Shdr target = sh[infosec];
            byte[] region = bytes[target.MemType];
            for (ulong k = 0; k < sh[i].Size / 24; k++)
            {
                ReadOnlySpan<byte> rel = f.AsSpan((int)(sh[i].Offset + (24 * k)), 24);
                ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(rel);
                ulong rinfo = BinaryPrimitives.ReadUInt64LittleEndian(rel.Slice(8));
                long addend = BinaryPrimitives.ReadInt64LittleEndian(rel.Slice(16));
                ulong loc = target.Addr + offset;
                ulong val = unchecked(values[(int)(rinfo >> 32)] + (ulong)addend);
                int at = (int)(target.MemOffset + offset);
                ApplyOne((uint)rinfo, region.AsSpan(at), val, loc);
            }
        }
    }

    // apply_relocate_add (arch/x86/kernel/module.c).
    private static void ApplyOne(uint type, Span<byte> slot, ulong val, ulong loc)
    {
        int size;
        switch (type)
        {
            case 0:
                return;
            case 1:
                size = 8;
                break;
            case 10:
                if (val != (uint)val) throw Fail("overflow in relocation type 10", LinuxErrno.ENOEXEC);
                size = 4;
                break;
            case 11:
                if ((long)val != (int)val) throw Fail("overflow in relocation type 11", LinuxErrno.ENOEXEC);
                size = 4;
                break;
            case 2:
            case 4:
                val -= loc;
                size = 4;
                break;
            case 24:
                val -= loc;
                size = 8;
                break;
            default:
                throw Fail("Unknown rela relocation: " + type, LinuxErrno.ENOEXEC);
        }

        foreach (byte b in slot.Slice(0, size))
        {
            if (b != 0)
            {
                throw Fail("Invalid relocation target, existing value is nonzero for type " + type, LinuxErrno.ENOEXEC);
            }
        }

        if (size == 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(slot, val);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(slot, (uint)val);
        }
    }
}
