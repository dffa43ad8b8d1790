using System;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Modules.Elf;
using Lvbs.Kernel.Modules.Layout;

namespace Lvbs.Kernel.Modules.Relocation;

/// <summary>
/// Applies every RELA section whose target section is placed in module memory (Linux
/// <c>apply_relocations</c>: relocation sections of non-allocated targets such as .modinfo or
/// debug info are skipped), in section order, into VTL1's reference regions.
/// </summary>
public static class ModuleRelocator
{
    /// <summary>
    /// Relocates <paramref name="regions"/> (one buffer per memory type, laid out by
    /// <paramref name="layout"/>, based at <paramref name="regionVa"/>); 0 or ENOEXEC.
    /// </summary>
    public static int Apply(ReadOnlySpan<byte> file, ElfModule elf, ModuleLayout layout, ulong[] regionVa,
                            byte[][] regions, ModuleSymbolValues symbols)
    {
        for (int r = 1; r < elf.SectionCount; r++)
        {
            ElfSectionHeader rela = elf.Section(r);
            if (rela.Type != ElfConstants.SectionTypeRela || !layout.IsPlaced((int)rela.Info))
            {
                continue;
            }

            int target = (int)rela.Info;
            int type = (int)layout.TypeOf(target);
            ElfSectionHeader t = elf.Section(target);
            ulong sectionVa = regionVa[type] + layout.OffsetOf(target);
            Span<byte> section = regions[type].AsSpan((int)layout.OffsetOf(target), (int)t.Size);
            int count = elf.RelaCount(r);
            for (int k = 0; k < count; k++)
            {
                ElfRela e = elf.Rela(file, r, k);
                if (!symbols.IsKnown(e.Symbol))
                {
                    return (int)LinuxErrno.ENOEXEC;
                }

                ulong value = unchecked(symbols.Value(e.Symbol) + (ulong)e.Addend);
                int status = X86Relocation.Apply(e.Type, section, e.Offset, value, unchecked(sectionVa + e.Offset));
                if (status != 0)
                {
                    return status;
                }
            }
        }

        return 0;
    }
}
