using System;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Modules.Elf;
using Lvbs.Kernel.Modules.Layout;

namespace Lvbs.Kernel.Modules.Relocation;

/// <summary>
/// The final value of every symbol, as Linux's <c>simplify_symbols</c> computes it: SHN_UNDEF
/// through <see cref="IModuleSymbolResolver"/> (ENOENT "Unknown symbol" when nothing exports
/// it, or only a GPL-only export does and the module is not GPL-compatible, as Linux's
/// <c>resolve_symbol</c> with <c>gplok</c> false; value 0 for an unresolved weak symbol), SHN_ABS as is, SHN_COMMON refused (ENOEXEC,
/// Linux: "compile with -fno-common"), a symbol in a placed section = region VA + section
/// offset + st_value. A symbol in a section that is not in module memory (.modinfo, notes,
/// .comment) has no address VTL1 can know; it is marked unknown and any relocation that uses
/// it is refused.
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
    /// Resolves all symbols, GPL-only exports only when <paramref name="gplOk"/> (the module's
    /// license is GPL-compatible, <c>Content.ModuleLicense</c>); 0, ENOENT or ENOEXEC,
    /// <paramref name="values"/> null on failure.
    /// </summary>
    public static int Compute(ReadOnlySpan<byte> file, ElfModule elf, ModuleLayout layout, ulong[] regionVa,
                              IModuleSymbolResolver symbols, bool gplOk, out ModuleSymbolValues? values)
    {
        values = null;
        var result = new ModuleSymbolValues(elf.SymbolCount);
        result._known[0] = true;
        for (int i = 1; i < elf.SymbolCount; i++)
        {
            ElfSymbol sym = elf.Symbol(file, i);
            switch (sym.SectionIndex)
            {
                case ElfConstants.SectionUndefined:
                    if (symbols.TryResolve(elf.SymbolName(file, sym), gplOk, out ulong address))
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

        values = result;
        return 0;
    }

    /// <summary>True when symbol <paramref name="index"/> has an address in module or kernel memory.</summary>
    public bool IsKnown(uint index) => _known[index];

    /// <summary>The final value of symbol <paramref name="index"/>.</summary>
    public ulong Value(uint index) => _values[index];
}
