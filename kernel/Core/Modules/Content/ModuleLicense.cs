using System;
using Lvbs.Kernel.Modules.Elf;

namespace Lvbs.Kernel.Modules.Content;

/// <summary>
/// Whether a module may bind to GPL-only exports, decided as Linux does before it resolves a
/// module's symbols: <c>module_license_taint_check</c> (<c>set_license</c> before 6.4) reads
/// <c>get_modinfo(info, "license")</c>, treats a missing license as <c>"unspecified"</c>, and taints
/// the module TAINT_PROPRIETARY_MODULE unless <c>license_is_gpl_compatible</c>
/// (include/linux/license.h) accepts it; <c>resolve_symbol</c> then searches with
/// <c>gplok = !(taints &amp; TAINT_PROPRIETARY_MODULE)</c>, so <c>find_symbol</c> skips every
/// <c>__ksymtab_gpl</c> (core kernel and modules) for a proprietary module.
/// </summary>
public static class ModuleLicense
{
    /// <summary>
    /// Reads the license of the ELF module <paramref name="file"/> (<see cref="ElfModule"/>
    /// already parsed from it). The <c>.modinfo</c> section is found as Linux's <c>find_sec</c>
    /// does (first SHF_ALLOC section of that name); without it, or without a <c>license=</c>
    /// entry, the module is not GPL-compatible. Returns 0 with <paramref name="gplCompatible"/>
    /// set, or ENOEXEC for a malformed <c>.modinfo</c> (<see cref="ModuleInfo.Check"/>) with it false.
    /// </summary>
    public static int Read(ReadOnlySpan<byte> file, ElfModule elf, out bool gplCompatible)
    {
        gplCompatible = false;
        int index = elf.FindSection(file, ModuleInfo.SectionName, ElfConstants.FlagAlloc);
        if (index == 0)
        {
            return 0;
        }

        int status = ModuleInfo.Find(elf.SectionBytes(file, index), "license"u8, out bool found, out ReadOnlySpan<byte> license);
        if (status != 0)
        {
            return status;
        }

        gplCompatible = found && IsGplCompatible(license);
        return 0;
    }

    /// <summary>
    /// Linux's <c>license_is_gpl_compatible</c> (include/linux/license.h): exactly one of
    /// <c>GPL</c>, <c>GPL v2</c>, <c>GPL and additional rights</c>, <c>Dual BSD/GPL</c>,
    /// <c>Dual MIT/GPL</c>, <c>Dual MPL/GPL</c>; byte-exact (strcmp), no NUL in <paramref name="license"/>.
    /// </summary>
    public static bool IsGplCompatible(ReadOnlySpan<byte> license) =>
        license.SequenceEqual("GPL"u8)
        || license.SequenceEqual("GPL v2"u8)
        || license.SequenceEqual("GPL and additional rights"u8)
        || license.SequenceEqual("Dual BSD/GPL"u8)
        || license.SequenceEqual("Dual MIT/GPL"u8)
        || license.SequenceEqual("Dual MPL/GPL"u8);
}
