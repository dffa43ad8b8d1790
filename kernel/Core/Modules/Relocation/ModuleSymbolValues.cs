using System;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Modules.Elf;
using Lvbs.Kernel.Modules.Layout;

namespace Lvbs.Kernel.Modules.Relocation;

/// <summary>
/// The final value of every symbol, as Linux's <c>simplify_symbols</c> computes it: SHN_UNDEF
/// through <see cref="IModuleSymbolResolver"/> as <c>resolve_symbol</c> does (ENOENT "Unknown
/// symbol" when nothing exports it or <c>inherit_taint</c> refuses it; value st_value, normally 0,
/// for such a weak symbol), SHN_ABS as is, SHN_COMMON refused (ENOEXEC, Linux: "compile with
/// -fno-common"), a symbol in a placed section = region VA + section offset + st_value. A symbol
/// in a section that is not in module memory (.modinfo, notes, .comment) has no address VTL1 can
/// know; it is marked unknown and any relocation that uses it is refused.
/// <para>
/// License rules follow <c>resolve_symbol</c> (kernel/module/main.c, 6.1), per undefined symbol
/// in ascending symbol index: the search uses <c>gplok = !(taints &amp; TAINT_PROPRIETARY_MODULE)</c>
/// of the module's taint at that moment, so GPL-only exports are invisible to a proprietary
/// module; a found GPL-only export sets <c>using_gplonly_symbols</c>; then <c>inherit_taint</c>:
/// when the owner is a proprietary module, a module that has used a GPL-only symbol (this one
/// included) is refused the symbol (NULL, hence ENOENT unless weak), otherwise it becomes
/// proprietary itself, so every later symbol is resolved with <c>gplok</c> false.
/// </para>
/// </summary>
public sealed class ModuleSymbolValues
{
    private readonly ulong[] _values;
    private readonly bool[] _known;

    private ModuleSymbolValues(int count)
    {
        _values = new ulong[count];
        _known = new bool[count];
    }

    /// <summary>
    /// True when the module ends up tainted proprietary: it was passed as such (its license is
    /// not GPL-compatible, <c>Content.ModuleLicense</c>) or it inherited the taint from a
    /// proprietary module it imports from.
    /// </summary>
    public bool Proprietary { get; private set; }

    /// <summary>
    /// Resolves all symbols for a module that starts tainted proprietary when
    /// <paramref name="proprietary"/>; 0, ENOENT or ENOEXEC, <paramref name="values"/> null on
    /// failure. Allocates only the result.
    /// </summary>
    public static int Compute(ReadOnlySpan<byte> file, ElfModule elf, ModuleLayout layout, ulong[] regionVa,
                              IModuleSymbolResolver symbols, bool proprietary, out ModuleSymbolValues? values)
    {
        values = null;
        var result = new ModuleSymbolValues(elf.SymbolCount);
        result._known[0] = true;
        bool usingGplOnly = false;
        for (int i = 1; i < elf.SymbolCount; i++)
        {
            ElfSymbol sym = elf.Symbol(file, i);
            switch (sym.SectionIndex)
            {
                case ElfConstants.SectionUndefined:
                    if (Resolve(symbols, elf.SymbolName(file, sym), ref proprietary, ref usingGplOnly, out ulong address))
                    {
                        result._values[i] = address;
                    }
                    else if (sym.Binding == ElfConstants.BindWeak)
                    {
                        result._values[i] = sym.Value;
                    }
                    else
                    {
                        return (int)LinuxErrno.ENOENT;
                    }

                    result._known[i] = true;
                    break;
                case ElfConstants.SectionAbsolute:
                    result._values[i] = sym.Value;
                    result._known[i] = true;
                    break;
                case ElfConstants.SectionCommon:
                    return (int)LinuxErrno.ENOEXEC;
                default:
                    if (layout.IsPlaced(sym.SectionIndex))
                    {
                        ulong baseVa = regionVa[(int)layout.TypeOf(sym.SectionIndex)] + layout.OffsetOf(sym.SectionIndex);
                        result._values[i] = unchecked(baseVa + sym.Value);
                        result._known[i] = true;
                    }

                    break;
            }
        }

        result.Proprietary = proprietary;
        values = result;
        return 0;
    }

    // resolve_symbol: find_symbol with gplok from the current taint, using_gplonly_symbols, then
    // inherit_taint (false means the symbol is treated as not found).
    private static bool Resolve(IModuleSymbolResolver symbols, ReadOnlySpan<byte> name, ref bool proprietary,
                                ref bool usingGplOnly, out ulong address)
    {
        if (!symbols.TryResolve(name, !proprietary, out address, out ResolvedSymbolFlags flags))
        {
            return false;
        }

        if ((flags & ResolvedSymbolFlags.GplOnly) != 0)
        {
            usingGplOnly = true;
        }

        if ((flags & ResolvedSymbolFlags.ProprietaryOwner) == 0)
        {
            return true;
        }

        if (usingGplOnly)
        {
            address = 0;
            return false;
        }

        proprietary = true;
        return true;
    }

    /// <summary>True when symbol <paramref name="index"/> has an address in module or kernel memory.</summary>
    public bool IsKnown(uint index) => _known[index];

    /// <summary>The final value of symbol <paramref name="index"/>.</summary>
    public ulong Value(uint index) => _values[index];
}
