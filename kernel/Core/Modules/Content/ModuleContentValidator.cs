using System;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Modules.Elf;
using Lvbs.Kernel.Modules.Layout;
using Lvbs.Kernel.Modules.Relocation;

namespace Lvbs.Kernel.Modules.Content;

/// <summary>
/// Content validation by independent re-relocation (lvbs-abi.md §2.2, the Gen A design, not
/// LiteBox's §2.1 step 4 which trusts the values VTL0 wrote into relocation slots): VTL1 lays
/// out and relocates the signed ELF itself, using only the region base addresses VTL0 chose
/// and symbol addresses from data VTL1 holds, and requires VTL0's loaded text and read-only
/// regions to equal that reference byte for byte, except inside the windows of the
/// post-relocation rewrite rules, where the rule must accept the loaded bytes.
/// </summary>
public static class ModuleContentValidator
{
    /// <summary>Page size: regions start page-aligned and VTL0 may send them rounded up to whole pages.</summary>
    public const int PageSize = 4096;

    /// <summary>
    /// Validates <paramref name="loaded"/> against <paramref name="elfBody"/> (the signed .ko
    /// without its signature). Returns 0 with <paramref name="module"/> set, or a positive
    /// <see cref="LinuxErrno"/> with it null: ERANGE (over a size limit), ENOEXEC (malformed
    /// ELF, <c>.modinfo</c>, relocation or site table), ENOTSUP (per-cpu data), ENOENT (unknown
    /// symbol, including a GPL-only export imported by a module that is not GPL-compatible or
    /// has inherited the proprietary taint, and any symbol of a proprietary module imported by
    /// a module that has used a GPL-only symbol: Linux's <c>inherit_taint</c>),
    /// EINVAL (a region missing, unexpected, misaligned or of the wrong size), EACCES (loaded
    /// bytes differ from the reference outside the rewrite windows, or a rule refuses a window).
    /// </summary>
    public static int Validate(ReadOnlySpan<byte> elfBody, LoadedModule loaded, IModuleSymbolResolver symbols,
                               IRewriteSiteRules rules, out ValidatedModule? module)
    {
        module = null;
        int status = ElfModule.Parse(elfBody, out ElfModule? elf);
        if (status != 0)
        {
            return status;
        }

        status = ModuleLayout.Compute(elfBody, elf!, out ModuleLayout? layout);
        if (status != 0)
        {
            return status;
        }

        var regionVa = new ulong[LoadedModule.RegionTypeCount];
        status = CheckRegions(layout!, loaded, regionVa);
        if (status != 0)
        {
            return status;
        }

        // module_license_taint_check runs before simplify_symbols: a module whose license is not
        // GPL-compatible does not see GPL-only exports.
        status = ModuleLicense.Read(elfBody, elf!, out bool gplOk);
        if (status != 0)
        {
            return status;
        }

        status = ModuleSymbolValues.Compute(elfBody, elf!, layout!, regionVa, symbols, !gplOk, out ModuleSymbolValues? values);
        if (status != 0)
        {
            return status;
        }

        // Allocation is bounded: each reference region is no larger than the copy VTL1 already
        // holds of the loaded region (CheckRegions), itself at most MaxRegionSize.
        byte[][] reference = BuildImage(elfBody, elf!, layout!);
        status = ModuleRelocator.Apply(elfBody, elf!, layout!, regionVa, reference, values!);
        if (status != 0)
        {
            return status;
        }

        // The taint Linux leaves on the module (license or inherit_taint) decides how later
        // modules importing its exports are treated.
        var result = new ValidatedModule(elfBody, elf!, layout!, loaded, reference) { IsProprietary = values!.Proprietary };
        status = result.ReadExports();
        if (status != 0)
        {
            return status;
        }

        status = rules.Prepare(result, symbols);
        if (status != 0)
        {
            return status;
        }

        status = RegionComparer.Compare(loaded, reference, rules);
        if (status != 0)
        {
            return status;
        }

        module = result;
        return 0;
    }

    /// <summary>True for the types compared byte for byte; MOD_DATA and MOD_INIT_DATA are writable and skipped, as Linux Gen A and LiteBox do.</summary>
    public static bool IsCompared(ModMemType type) => type != ModMemType.Data && type != ModMemType.InitData;

    // Compared regions must be exactly the laid-out size, or that size rounded up to a page
    // (VTL0 sends whole pages; the tail is checked to be zero as module_memory_alloc leaves it).
    // Data regions must hold their sections and may be larger: Linux appends the kallsyms
    // copy (layout_symtab) to MOD_DATA/MOD_INIT_DATA, which VTL1 does not recompute.
    private static int CheckRegions(ModuleLayout layout, LoadedModule loaded, ulong[] regionVa)
    {
        for (int t = 0; t < LoadedModule.RegionTypeCount; t++)
        {
            var type = (ModMemType)(ulong)t;
            ulong size = layout.RegionSize(type);
            LoadedRegion? r = loaded[type];
            if (r is null || r.Bytes.Length == 0)
            {
                if (size != 0)
                {
                    return (int)LinuxErrno.EINVAL;
                }

                continue;
            }

            ulong length = (ulong)r.Bytes.Length;
            if ((r.Va & (PageSize - 1)) != 0 || length > ulong.MaxValue - r.Va || length > ModuleLayout.MaxRegionSize)
            {
                return (int)LinuxErrno.EINVAL;
            }

            ulong rounded = (size + PageSize - 1) & ~(ulong)(PageSize - 1);
            bool ok = IsCompared(type) ? size != 0 && (length == size || length == rounded) : length >= size;
            if (!ok)
            {
                return (int)LinuxErrno.EINVAL;
            }

            regionVa[t] = r.Va;
        }

        return 0;
    }

    // move_module: each placed SHT_PROGBITS-like section copied to its offset; SHT_NOBITS and
    // padding stay zero.
    private static byte[][] BuildImage(ReadOnlySpan<byte> file, ElfModule elf, ModuleLayout layout)
    {
        var image = new byte[LoadedModule.RegionTypeCount][];
        for (int t = 0; t < LoadedModule.RegionTypeCount; t++)
        {
            ulong size = layout.RegionSize((ModMemType)(ulong)t);
            image[t] = size == 0 ? Array.Empty<byte>() : new byte[size];
        }

        for (int i = 1; i < elf.SectionCount; i++)
        {
            if (layout.IsPlaced(i))
            {
                elf.SectionBytes(file, i).CopyTo(image[(int)layout.TypeOf(i)].AsSpan((int)layout.OffsetOf(i)));
            }
        }

        return image;
    }
}
