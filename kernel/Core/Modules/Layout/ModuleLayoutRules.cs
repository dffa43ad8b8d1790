using System;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Modules.Elf;

namespace Lvbs.Kernel.Modules.Layout;

/// <summary>
/// Linux's module layout (kernel/module/main.c, ≥ 6.4): <c>rewrite_section_headers</c> drops
/// SHF_ALLOC from <c>.modinfo</c> and <c>__versions</c>; <c>layout_and_allocate</c> marks
/// <c>.data..ro_after_init</c> and <c>__jump_table</c> SHF_RO_AFTER_INIT; <c>layout_sections</c>
/// then walks a mask table (text = EXECINSTR|ALLOC; rodata = ALLOC without WRITE; ro_after_init
/// = RO_AFTER_INIT|ALLOC; data = WRITE|ALLOC; x86 has no ARCH_SHF_SMALL) once for core sections
/// and once for <c>.init</c>-prefixed ones (<c>module_init_layout_section</c>), each section
/// taken by the first mask it matches, in section-index order, aligned to sh_addralign.
/// <c>.exit</c> sections stay core because the Debian kernel has CONFIG_MODULE_UNLOAD=y.
/// Per-cpu data (<c>.data..percpu</c>) would go to the per-cpu area, outside module memory;
/// none of the reference modules has any, so it is refused (ENOTSUP) rather than guessed.
/// A writable and executable section is refused (ENOEXEC) as module_enforce_rwx_sections does.
/// </summary>
internal static class ModuleLayoutRules
{
    private static ReadOnlySpan<byte> ModInfo => ".modinfo"u8;
    private static ReadOnlySpan<byte> Versions => "__versions"u8;
    private static ReadOnlySpan<byte> RoAfterInitData => ".data..ro_after_init"u8;
    private static ReadOnlySpan<byte> JumpTable => "__jump_table"u8;
    private static ReadOnlySpan<byte> PerCpu => ".data..percpu"u8;
    private static ReadOnlySpan<byte> InitPrefix => ".init"u8;
    private static ReadOnlySpan<byte> ThisModule => ".gnu.linkonce.this_module"u8;

    // The masks table of layout_sections: {required, forbidden}, and the type per pass.
    private static readonly ulong[] Required =
    {
        ElfConstants.FlagExecInstr | ElfConstants.FlagAlloc,
        ElfConstants.FlagAlloc,
        ElfConstants.FlagRoAfterInit | ElfConstants.FlagAlloc,
        ElfConstants.FlagWrite | ElfConstants.FlagAlloc,
        ElfConstants.FlagAlloc,
    };

    private static readonly ulong[] Forbidden = { 0, ElfConstants.FlagWrite, 0, 0, 0 };

    // -1 = MOD_INVALID (an init section flagged ro_after_init: Linux WARNs and skips it).
    private static readonly sbyte[] CoreType = { 0, 2, 3, 1, 1 };
    private static readonly sbyte[] InitType = { 4, 6, -1, 5, 5 };

    public static int Compute(ReadOnlySpan<byte> file, ElfModule elf, out ModuleLayout? layout)
    {
        layout = null;
        if (elf.FindSection(file, PerCpu, ElfConstants.FlagAlloc) != 0)
        {
            return (int)LinuxErrno.ENOTSUP;
        }

        // setup_load_info: "No module found in object" without the struct module section.
        if (elf.FindSection(file, ThisModule, ElfConstants.FlagAlloc) == 0)
        {
            return (int)LinuxErrno.ENOEXEC;
        }

        int n = elf.SectionCount;
        var flags = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            flags[i] = elf.Section(i).Flags;

            // module_enforce_rwx_sections (CONFIG_STRICT_MODULE_RWX=y in Debian): no section may
            // be both writable and executable; it would otherwise land in MOD_TEXT.
            if ((flags[i] & (ElfConstants.FlagWrite | ElfConstants.FlagExecInstr)) == (ElfConstants.FlagWrite | ElfConstants.FlagExecInstr))
            {
                return (int)LinuxErrno.ENOEXEC;
            }
        }

        // Order as in Linux: find_sec looks only at SHF_ALLOC sections, so the lookups for the
        // ro_after_init marks happen after .modinfo/__versions lost SHF_ALLOC.
        flags[elf.FindSection(file, ModInfo, ElfConstants.FlagAlloc)] &= ~ElfConstants.FlagAlloc;
        flags[elf.FindSection(file, Versions, ElfConstants.FlagAlloc)] &= ~ElfConstants.FlagAlloc;
        flags[0] = 0;
        int roAfterInit = FindAllocated(file, elf, flags, RoAfterInitData);
        int jumpTable = FindAllocated(file, elf, flags, JumpTable);
        if (roAfterInit != 0)
        {
            flags[roAfterInit] |= ElfConstants.FlagRoAfterInit;
        }

        if (jumpTable != 0)
        {
            flags[jumpTable] |= ElfConstants.FlagRoAfterInit;
        }

        var result = new ModuleLayout(n);
        var taken = new bool[n];
        for (int pass = 0; pass < 2; pass++)
        {
            bool init = pass == 1;
            for (int m = 0; m < Required.Length; m++)
            {
                sbyte type = init ? InitType[m] : CoreType[m];
                for (int i = 1; i < n; i++)
                {
                    if ((flags[i] & Required[m]) != Required[m] || (flags[i] & Forbidden[m]) != 0 || taken[i]
                        || elf.SectionName(file, i).StartsWith(InitPrefix) != init)
                    {
                        continue;
                    }

                    if (type < 0)
                    {
                        continue;
                    }

                    ElfSectionHeader s = elf.Section(i);
                    if (s.AddrAlign > ModuleLayout.MaxSectionAlignment
                        || !result.Place(i, (ModMemType)(ulong)type, s.Size, s.AddrAlign))
                    {
                        return (int)LinuxErrno.ENOEXEC;
                    }

                    taken[i] = true;
                }
            }
        }

        layout = result;
        return 0;
    }

    private static int FindAllocated(ReadOnlySpan<byte> file, ElfModule elf, ulong[] flags, ReadOnlySpan<byte> name)
    {
        for (int i = 1; i < flags.Length; i++)
        {
            if ((flags[i] & ElfConstants.FlagAlloc) != 0 && elf.SectionName(file, i).SequenceEqual(name))
            {
                return i;
            }
        }

        return 0;
    }
}
