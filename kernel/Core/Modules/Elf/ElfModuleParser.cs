using System;
using System.Buffers.Binary;
using Lvbs.Abi.Heki;

namespace Lvbs.Kernel.Modules.Elf;

/// <summary>
/// Checks a .ko body against the System V gABI (ELF header, sections, string and symbol
/// tables, relocation) and the x86-64 psABI, at least as strictly as Linux's
/// <c>elf_validity_cache_copy</c>, and stricter where Linux trusts the signed file: every
/// section's file range lies inside the file (overflow-safe), file-backed sections do not
/// overlap, string tables end with NUL, every name offset, symbol section index and relocation
/// symbol index is in range. Extended section numbering (SHN_XINDEX) is refused: a module has
/// far fewer than 0xff00 sections. Nothing is kept on failure.
/// </summary>
internal static class ElfModuleParser
{
    private const ulong MaxAlignment = 1UL << 32;

    public static int Parse(ReadOnlySpan<byte> file, out ElfModule? module)
    {
        module = null;
        if (file.Length > ElfModule.MaxFileSize)
        {
            return (int)LinuxErrno.ERANGE;
        }

        int status = CheckHeader(file, out int shnum, out int shstrndx, out ulong shoff);
        if (status != 0)
        {
            return status;
        }

        var sections = new ElfSectionHeader[shnum];
        status = ReadSections(file, shoff, sections);
        if (status != 0)
        {
            return status;
        }

        // gABI "String Table": the section-name table; every sh_name is an offset into it.
        ElfSectionHeader names = sections[shstrndx];
        if (!IsStringTable(file, names))
        {
            return ElfModule.Fail();
        }

        for (int i = 0; i < shnum; i++)
        {
            if (sections[i].Name >= names.Size)
            {
                return ElfModule.Fail();
            }
        }

        status = CheckNoOverlap(sections);
        if (status != 0)
        {
            return status;
        }

        status = CheckSymbolTable(file, sections, out int symtab, out int symbolCount);
        if (status != 0)
        {
            return status;
        }

        status = CheckRelocations(file, sections, symtab, symbolCount);
        if (status != 0)
        {
            return status;
        }

        module = new ElfModule(sections, shstrndx, symtab, symbolCount, file.Length);
        return 0;
    }

    // gABI "ELF Header": identification, ET_REL, EM_X86_64, EV_CURRENT, header sizes, and the
    // section header table inside the file.
    private static int CheckHeader(ReadOnlySpan<byte> file, out int shnum, out int shstrndx, out ulong shoff)
    {
        shnum = 0;
        shstrndx = 0;
        shoff = 0;
        if (file.Length < ElfConstants.HeaderSize
            || file[0] != 0x7f || file[1] != (byte)'E' || file[2] != (byte)'L' || file[3] != (byte)'F'
            || file[4] != ElfConstants.ClassElf64 || file[5] != ElfConstants.DataLittleEndian
            || file[6] != ElfConstants.VersionCurrent
            || (file[7] != ElfConstants.OsAbiNone && file[7] != ElfConstants.OsAbiGnu))
        {
            return ElfModule.Fail();
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(16)) != ElfConstants.TypeRelocatable
            || BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(18)) != ElfConstants.MachineX86_64
            || BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(20)) != ElfConstants.VersionCurrent
            || BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(52)) != ElfConstants.HeaderSize
            || BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(58)) != ElfConstants.SectionHeaderSize)
        {
            return ElfModule.Fail();
        }

        shoff = BinaryPrimitives.ReadUInt64LittleEndian(file.Slice(40));
        ushort count = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(60));
        ushort strndx = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(62));

        // e_shnum == 0 means "no sections" or "count in section 0's sh_size" (SHN_XINDEX rules);
        // e_shstrndx == SHN_XINDEX means "index in section 0's sh_link". Both are refused.
        if (count == 0 || strndx == ElfConstants.SectionUndefined || strndx >= count)
        {
            return ElfModule.Fail();
        }

        if (count > ElfModule.MaxSections)
        {
            return (int)LinuxErrno.ERANGE;
        }

        ulong tableBytes = (ulong)count * ElfConstants.SectionHeaderSize;
        if (shoff > (ulong)file.Length || tableBytes > (ulong)file.Length - shoff)
        {
            return ElfModule.Fail();
        }

        shnum = count;
        shstrndx = strndx;
        return 0;
    }

    private static int ReadSections(ReadOnlySpan<byte> file, ulong shoff, ElfSectionHeader[] sections)
    {
        for (int i = 0; i < sections.Length; i++)
        {
            ReadOnlySpan<byte> h = file.Slice((int)shoff + (i * ElfConstants.SectionHeaderSize), ElfConstants.SectionHeaderSize);
            var s = new ElfSectionHeader(
                BinaryPrimitives.ReadUInt32LittleEndian(h),
                BinaryPrimitives.ReadUInt32LittleEndian(h.Slice(4)),
                BinaryPrimitives.ReadUInt64LittleEndian(h.Slice(8)),
                BinaryPrimitives.ReadUInt64LittleEndian(h.Slice(24)),
                BinaryPrimitives.ReadUInt64LittleEndian(h.Slice(32)),
                BinaryPrimitives.ReadUInt32LittleEndian(h.Slice(40)),
                BinaryPrimitives.ReadUInt32LittleEndian(h.Slice(44)),
                BinaryPrimitives.ReadUInt64LittleEndian(h.Slice(48)),
                BinaryPrimitives.ReadUInt64LittleEndian(h.Slice(56)));

            // Section 0 must be the all-null entry (it would carry SHN_XINDEX overflow values).
            if (i == 0)
            {
                if (s.Type != ElfConstants.SectionTypeNull || s.Size != 0 || s.Link != 0 || s.Info != 0 || s.Flags != 0)
                {
                    return ElfModule.Fail();
                }
            }
            else if (s.Type == ElfConstants.SectionTypeRel || s.Type == ElfConstants.SectionTypeSymbolTableIndex
                || s.Type == ElfConstants.SectionTypeDynamicSymbols)
            {
                // x86-64 modules use RELA only (Linux's generic apply_relocate refuses REL);
                // SHT_SYMTAB_SHNDX is the SHN_XINDEX machinery; SHT_DYNSYM has no place in ET_REL.
                return ElfModule.Fail();
            }

            // gABI: sh_addralign is 0 or a power of two; the bound keeps layout arithmetic small.
            if ((s.AddrAlign & (s.AddrAlign - 1)) != 0 || s.AddrAlign > MaxAlignment)
            {
                return ElfModule.Fail();
            }

            if (s.HasFileBytes && (s.Offset > (ulong)file.Length || s.Size > (ulong)file.Length - s.Offset))
            {
                return ElfModule.Fail();
            }

            sections[i] = s;
        }

        return 0;
    }

    private static bool IsStringTable(ReadOnlySpan<byte> file, ElfSectionHeader s) =>
        s.Type == ElfConstants.SectionTypeStringTable && s.Size > 0
        && file[(int)s.Offset] == 0 && file[(int)(s.Offset + s.Size - 1)] == 0;

    // No two file-backed sections share a byte: otherwise one byte could mean two things
    // (code in .text and a relocation entry, say). Sort start offsets, then compare neighbours.
    private static int CheckNoOverlap(ElfSectionHeader[] sections)
    {
        var order = new int[sections.Length];
        int n = 0;
        for (int i = 1; i < sections.Length; i++)
        {
            if (sections[i].HasFileBytes && sections[i].Size != 0)
            {
                int j = n++;
                while (j > 0 && sections[order[j - 1]].Offset > sections[i].Offset)
                {
                    order[j] = order[j - 1];
                    j--;
                }

                order[j] = i;
            }
        }

        for (int k = 1; k < n; k++)
        {
            ElfSectionHeader prev = sections[order[k - 1]];
            if (prev.Offset + prev.Size > sections[order[k]].Offset)
            {
                return ElfModule.Fail();
            }
        }

        return 0;
    }

    // gABI "Symbol Table": exactly one SHT_SYMTAB (Linux: "module has no symbols (stripped?)"),
    // entries of Elf64_Sym size, sh_link a NUL-terminated string table, st_name in it, and
    // st_shndx a real section, SHN_UNDEF, SHN_ABS or SHN_COMMON (other reserved indexes,
    // SHN_XINDEX included, are refused).
    private static int CheckSymbolTable(ReadOnlySpan<byte> file, ElfSectionHeader[] sections, out int symtab, out int count)
    {
        symtab = 0;
        count = 0;
        for (int i = 1; i < sections.Length; i++)
        {
            if (sections[i].Type == ElfConstants.SectionTypeSymbolTable)
            {
                if (symtab != 0)
                {
                    return ElfModule.Fail();
                }

                symtab = i;
            }
        }

        if (symtab == 0)
        {
            return ElfModule.Fail();
        }

        ElfSectionHeader s = sections[symtab];
        if (s.EntSize != ElfConstants.SymbolSize || s.Size % ElfConstants.SymbolSize != 0 || s.Size == 0
            || s.Link == 0 || s.Link >= (uint)sections.Length || !IsStringTable(file, sections[s.Link]))
        {
            return ElfModule.Fail();
        }

        if (s.Size / ElfConstants.SymbolSize > ElfModule.MaxSymbols)
        {
            return (int)LinuxErrno.ERANGE;
        }

        int n = (int)(s.Size / ElfConstants.SymbolSize);
        if (s.Info > (uint)n)
        {
            return ElfModule.Fail();
        }

        ulong strings = sections[s.Link].Size;
        ReadOnlySpan<byte> table = file.Slice((int)s.Offset, (int)s.Size);
        for (int k = 0; k < n; k++)
        {
            ElfSymbol sym = ElfModule.ReadSymbol(table.Slice(k * ElfConstants.SymbolSize, ElfConstants.SymbolSize));
            ushort shndx = sym.SectionIndex;
            bool indexOk = shndx == ElfConstants.SectionAbsolute || shndx == ElfConstants.SectionCommon
                || shndx < (uint)sections.Length;
            if (sym.Name >= strings || !indexOk)
            {
                return ElfModule.Fail();
            }
        }

        count = n;
        return 0;
    }

    // gABI "Relocation": SHT_RELA entries of Elf64_Rela size, sh_link the symbol table,
    // sh_info a real section that is not itself metadata, and every ELF64_R_SYM in range.
    // Relocation types are checked where they are applied (only for allocated targets, like Linux).
    private static int CheckRelocations(ReadOnlySpan<byte> file, ElfSectionHeader[] sections, int symtab, int symbolCount)
    {
        long total = 0;
        for (int i = 1; i < sections.Length; i++)
        {
            ElfSectionHeader s = sections[i];
            if (s.Type != ElfConstants.SectionTypeRela)
            {
                continue;
            }

            if (s.EntSize != ElfConstants.RelaSize || s.Size % ElfConstants.RelaSize != 0
                || s.Link != (uint)symtab || s.Info == 0 || s.Info >= (uint)sections.Length)
            {
                return ElfModule.Fail();
            }

            uint targetType = sections[s.Info].Type;
            if (targetType == ElfConstants.SectionTypeNull || targetType == ElfConstants.SectionTypeRela
                || targetType == ElfConstants.SectionTypeSymbolTable || targetType == ElfConstants.SectionTypeStringTable)
            {
                return ElfModule.Fail();
            }

            total += (long)(s.Size / ElfConstants.RelaSize);
            if (total > ElfModule.MaxRelocations)
            {
                return (int)LinuxErrno.ERANGE;
            }

            ReadOnlySpan<byte> entries = file.Slice((int)s.Offset, (int)s.Size);
            for (int k = 0; k < entries.Length; k += ElfConstants.RelaSize)
            {
                if (ElfModule.ReadRela(entries.Slice(k, ElfConstants.RelaSize)).Symbol >= (uint)symbolCount)
                {
                    return ElfModule.Fail();
                }
            }
        }

        return 0;
    }
}
