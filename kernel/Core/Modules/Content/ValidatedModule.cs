using System;
using System.Buffers.Binary;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Modules.Elf;
using Lvbs.Kernel.Modules.Layout;

namespace Lvbs.Kernel.Modules.Content;

/// <summary>
/// A module whose loaded text and read-only memory VTL1 has checked against its own
/// re-relocation of the signed ELF (<see cref="ModuleContentValidator"/>). Holds VTL1's
/// reference bytes per region (the <see cref="IRelocatedSections"/> view the rewrite rules
/// read site tables from), the regions' addresses and sizes, and the module's exports
/// (<c>__ksymtab</c>/<c>__ksymtab_gpl</c>) for resolving later modules' imports.
/// </summary>
public sealed class ValidatedModule : IRelocatedSections
{
    /// <summary>KSYM_NAME_LEN: longest export name accepted.</summary>
    public const int MaxExportNameLength = 512;

    private const int KernelSymbolSize = 12;

    private readonly ulong[] _regionVa = new ulong[LoadedModule.RegionTypeCount];
    private readonly int[] _regionSize = new int[LoadedModule.RegionTypeCount];
    private readonly byte[][] _reference;

    // Placed sections, in section order: name in _names, memory type, offset, size, executable.
    private readonly byte[] _names;
    private readonly int[] _sectionName;
    private readonly byte[] _sectionType;
    private readonly int[] _sectionOffset;
    private readonly int[] _sectionSize;
    private readonly bool[] _sectionExec;

    private byte[] _exportNames = Array.Empty<byte>();
    private int[] _exportNameStart = Array.Empty<int>();
    private int[] _exportNameLength = Array.Empty<int>();
    private ulong[] _exportAddress = Array.Empty<ulong>();

    // Exports [0, _plainExports) came from __ksymtab; the rest from __ksymtab_gpl (GPL-only).
    private int _plainExports;

    internal ValidatedModule(ReadOnlySpan<byte> file, ElfModule elf, ModuleLayout layout, LoadedModule loaded, byte[][] reference)
    {
        _reference = reference;
        for (int t = 0; t < LoadedModule.RegionTypeCount; t++)
        {
            LoadedRegion? r = loaded[(ModMemType)(ulong)t];
            if (r is not null)
            {
                _regionVa[t] = r.Va;
                _regionSize[t] = r.Bytes.Length;
            }
        }

        _names = elf.SectionBytes(file, elf.SectionNameTableIndex).ToArray();
        int placed = 0;
        for (int i = 1; i < elf.SectionCount; i++)
        {
            placed += layout.IsPlaced(i) ? 1 : 0;
        }

        _sectionName = new int[placed];
        _sectionType = new byte[placed];
        _sectionOffset = new int[placed];
        _sectionSize = new int[placed];
        _sectionExec = new bool[placed];
        int k = 0;
        for (int i = 1; i < elf.SectionCount; i++)
        {
            if (!layout.IsPlaced(i))
            {
                continue;
            }

            ElfSectionHeader s = elf.Section(i);
            _sectionName[k] = (int)s.Name;
            _sectionType[k] = (byte)layout.TypeOf(i);
            _sectionOffset[k] = (int)layout.OffsetOf(i);
            _sectionSize[k] = (int)s.Size;
            _sectionExec[k] = (s.Flags & ElfConstants.FlagExecInstr) != 0;
            k++;
        }
    }

    /// <summary>VTL0 virtual address of region <paramref name="t"/>; 0 when the module has none.</summary>
    public ulong RegionVa(ModMemType t) => (ulong)t < LoadedModule.RegionTypeCount ? _regionVa[(int)t] : 0;

    /// <summary>Bytes of region <paramref name="t"/> as VTL0 loaded it (page-rounded when VTL0 sent whole pages); 0 when absent.</summary>
    public int RegionSize(ModMemType t) => (ulong)t < LoadedModule.RegionTypeCount ? _regionSize[(int)t] : 0;

    /// <summary>Exports the module defines.</summary>
    public int ExportCount => _exportAddress.Length;

    /// <inheritdoc/>
    public bool TryGetSection(ReadOnlySpan<byte> name, out ulong va, out ReadOnlySpan<byte> reference)
    {
        for (int k = 0; k < _sectionName.Length; k++)
        {
            if (ElfModule.CString(_names, (uint)_sectionName[k]).SequenceEqual(name))
            {
                va = _regionVa[_sectionType[k]] + (ulong)_sectionOffset[k];
                reference = _reference[_sectionType[k]].AsSpan(_sectionOffset[k], _sectionSize[k]);
                return true;
            }
        }

        va = 0;
        reference = ReadOnlySpan<byte>.Empty;
        return false;
    }

    /// <inheritdoc/>
    public bool IsInText(ulong va, int length)
    {
        if (length <= 0)
        {
            return false;
        }

        for (int k = 0; k < _sectionName.Length; k++)
        {
            ulong start = _regionVa[_sectionType[k]] + (ulong)_sectionOffset[k];
            if (_sectionExec[k] && va >= start && va - start <= (ulong)_sectionSize[k]
                && (ulong)length <= (ulong)_sectionSize[k] - (va - start))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Exports from <c>__ksymtab</c> (the rest, up to <see cref="ExportCount"/>, are GPL-only).</summary>
    public int PlainExportCount => _plainExports;

    /// <summary>Looks up an export of this module by name (ASCII, no NUL), GPL-only exports included.</summary>
    public bool TryResolveExport(ReadOnlySpan<byte> name, out ulong address) => TryResolveExport(name, true, out address);

    /// <summary>
    /// Looks up an export of this module by name (ASCII, no NUL); <c>__ksymtab_gpl</c> exports
    /// only when <paramref name="gplOk"/> (Linux's <c>find_symbol</c> over a module's
    /// <c>gpl_syms</c>, skipped when <c>!fsa-&gt;gplok</c>).
    /// </summary>
    public bool TryResolveExport(ReadOnlySpan<byte> name, bool gplOk, out ulong address) => TryResolveExport(name, gplOk, out address, out _);

    /// <summary>
    /// As <see cref="TryResolveExport(ReadOnlySpan{byte}, bool, out ulong)"/>, also telling whether
    /// the export found is GPL-only (<c>__ksymtab_gpl</c>, Linux's <c>fsa.license == GPL_ONLY</c>).
    /// </summary>
    public bool TryResolveExport(ReadOnlySpan<byte> name, bool gplOk, out ulong address, out bool gplOnly)
    {
        int end = gplOk ? _exportAddress.Length : _plainExports;
        for (int k = 0; k < end; k++)
        {
            if (_exportNames.AsSpan(_exportNameStart[k], _exportNameLength[k]).SequenceEqual(name))
            {
                address = _exportAddress[k];
                gplOnly = k >= _plainExports;
                return true;
            }
        }

        address = 0;
        gplOnly = false;
        return false;
    }

    /// <summary>
    /// True when the module is tainted TAINT_PROPRIETARY_MODULE as Linux would leave it after
    /// loading: its license is not GPL-compatible, or it imported a symbol from a proprietary
    /// module and inherited the taint (<c>inherit_taint</c>). Later modules importing its
    /// exports see it as a proprietary owner.
    /// </summary>
    public bool IsProprietary { get; internal set; }

    /// <summary>Reference bytes of region <paramref name="t"/> (VTL1's own relocation of the signed ELF).</summary>
    internal ReadOnlySpan<byte> Reference(ModMemType t) => _reference[(int)t];

    /// <summary>
    /// Reads the relocated <c>__ksymtab</c> and <c>__ksymtab_gpl</c> (PREL32 <c>struct
    /// kernel_symbol</c>: value, name and namespace offsets, each relative to its own field)
    /// from the reference bytes; names must be NUL-terminated inside one section. 0 or ENOEXEC.
    /// </summary>
    internal int ReadExports()
    {
        int count = 0;
        int nameBytes = 0;
        int status = ScanExports("__ksymtab"u8, null, ref count, ref nameBytes);
        status = status != 0 ? status : ScanExports("__ksymtab_gpl"u8, null, ref count, ref nameBytes);
        if (status != 0)
        {
            return status;
        }

        _exportNames = new byte[nameBytes];
        _exportNameStart = new int[count];
        _exportNameLength = new int[count];
        _exportAddress = new ulong[count];
        int filled = 0;
        int used = 0;
        ScanExports("__ksymtab"u8, this, ref filled, ref used);
        _plainExports = filled;
        ScanExports("__ksymtab_gpl"u8, this, ref filled, ref used);
        return 0;
    }

    // One pass over a ksymtab section: counts (sink null) or fills the export arrays.
    private int ScanExports(ReadOnlySpan<byte> section, ValidatedModule? sink, ref int count, ref int nameBytes)
    {
        if (!TryGetSection(section, out ulong va, out ReadOnlySpan<byte> table))
        {
            return 0;
        }

        if (table.Length % KernelSymbolSize != 0)
        {
            return (int)LinuxErrno.ENOEXEC;
        }

        for (int off = 0; off < table.Length; off += KernelSymbolSize)
        {
            ulong entry = va + (ulong)off;
            ulong value = unchecked(entry + (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(table.Slice(off)));
            ulong nameVa = unchecked(entry + 4 + (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(table.Slice(off + 4)));
            if (!TryReadName(nameVa, out ReadOnlySpan<byte> name))
            {
                return (int)LinuxErrno.ENOEXEC;
            }

            if (sink is not null)
            {
                name.CopyTo(sink._exportNames.AsSpan(nameBytes));
                sink._exportNameStart[count] = nameBytes;
                sink._exportNameLength[count] = name.Length;
                sink._exportAddress[count] = value;
            }

            count++;
            nameBytes += name.Length;
        }

        return 0;
    }

    private bool TryReadName(ulong va, out ReadOnlySpan<byte> name)
    {
        name = ReadOnlySpan<byte>.Empty;
        for (int k = 0; k < _sectionName.Length; k++)
        {
            ulong start = _regionVa[_sectionType[k]] + (ulong)_sectionOffset[k];
            if (va < start || va - start >= (ulong)_sectionSize[k])
            {
                continue;
            }

            ReadOnlySpan<byte> rest = _reference[_sectionType[k]].AsSpan(_sectionOffset[k] + (int)(va - start), _sectionSize[k] - (int)(va - start));
            int n = rest.IndexOf((byte)0);
            if (n <= 0 || n > MaxExportNameLength)
            {
                return false;
            }

            name = rest.Slice(0, n);
            return true;
        }

        return false;
    }
}
