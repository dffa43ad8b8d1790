using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Lvbs.Abi.Heki;

namespace Lvbs.Hypervisor.Simulated.Vtl0.Modules;

/// <summary>
/// Plays Linux's module loader (kernel/module/main.c, ≥ 6.4, x86-64, CONFIG_MODULE_UNLOAD=y,
/// CONFIG_KALLSYMS_ALL=y) in the simulated VTL0: setup_load_info/rewrite_section_headers,
/// layout_sections, layout_symtab, move_module, simplify_symbols and apply_relocations
/// (arch/x86/kernel/module.c apply_relocate_add). Written independently of VTL1's
/// kernel/Core/Modules code (this project must not reference it), so that two
/// implementations agreeing on real modules is evidence. Errors throw
/// <see cref="InvalidDataException"/> with Linux's message and errno.
/// </summary>
public static partial class LinuxModuleLoader
{
    private const ulong ShfWrite = 1, ShfAlloc = 2, ShfExec = 4, ShfRoAfterInit = 0x200000;
    private const uint ShtNoBits = 8, ShtSymtab = 2, ShtRela = 4, ShtRel = 9;
    private const ulong Page = 4096;

    /// <summary>Where Linux's temporary copy of the .ko would sit; symbols in unplaced sections get addresses in it.</summary>
    public const ulong TemporaryImageBase = 0xFFFF_C900_1000_0000;

    private sealed class Shdr
    {
        public string Name = "";
        public uint Type;
        public ulong Flags;
        public ulong Addr;
        public ulong Offset;
        public ulong Size;
        public uint Link;
        public uint Info;
        public ulong Align;
        public int MemType = -1;
        public ulong MemOffset;
    }

    /// <summary>
    /// Loads <paramref name="ko"/> (a module body without its signature) at the region bases
    /// <paramref name="baseVa"/> (one per memory type that ends up non-empty), resolving
    /// imports with <paramref name="lookup"/> (null = unknown symbol).
    /// </summary>
    public static LinuxLoadedModule Load(ReadOnlySpan<byte> ko, Func<string, ulong?> lookup, IReadOnlyDictionary<ModMemType, ulong> baseVa)
    {
        byte[] file = ko.ToArray();
        Shdr[] sh = ReadHeaders(file);
        int symIndex = Array.FindIndex(sh, s => s.Type == ShtSymtab);
        if (symIndex <= 0)
        {
            throw Fail("module has no symbols (stripped?)", LinuxErrno.ENOEXEC);
        }

        // module_enforce_rwx_sections (CONFIG_STRICT_MODULE_RWX).
        if (Array.Exists(sh, s => (s.Flags & (ShfWrite | ShfExec)) == (ShfWrite | ShfExec)))
        {
            throw Fail("Module has a writable and executable section", LinuxErrno.ENOEXEC);
        }

        // rewrite_section_headers: sh_addr = temporary image address; .modinfo/__versions lose SHF_ALLOC.
        for (int i = 1; i < sh.Length; i++)
        {
            sh[i].Addr = TemporaryImageBase + sh[i].Offset;
        }

        if (FindSec(sh, ".gnu.linkonce.this_module") == 0)
        {
            throw Fail("No module found in object", LinuxErrno.ENOEXEC);
        }

        int info = FindSec(sh, ".modinfo");
        int vers = FindSec(sh, "__versions");
        int pcpu = FindSec(sh, ".data..percpu");
        if (info != 0) sh[info].Flags &= ~ShfAlloc;
        if (vers != 0) sh[vers].Flags &= ~ShfAlloc;
        if (pcpu != 0)
        {
            throw Fail("per-cpu data is not simulated", LinuxErrno.ENOTSUP);
        }

        // layout_and_allocate: ro_after_init marks.
        int roai = FindSec(sh, ".data..ro_after_init");
        if (roai != 0) sh[roai].Flags |= ShfRoAfterInit;
        int jt = FindSec(sh, "__jump_table");
        if (jt != 0) sh[jt].Flags |= ShfRoAfterInit;

        var size = new ulong[7];
        LayoutSections(sh, size);
        LayoutSymtab(file, sh, symIndex, size);

        var regions = new Dictionary<ModMemType, LinuxModuleRegion>();
        var bytes = new byte[7][];
        for (int t = 0; t < 7; t++)
        {
            if (size[t] == 0)
            {
                continue;
            }

            var type = (ModMemType)(ulong)t;
            if (!baseVa.TryGetValue(type, out ulong va) || (va & (Page - 1)) != 0)
            {
                throw new ArgumentException("a page-aligned base VA is needed for " + type);
            }

            bytes[t] = new byte[(size[t] + Page - 1) & ~(Page - 1)];
            regions[type] = new LinuxModuleRegion(type, va, size[t], bytes[t]);
        }

        // move_module: copy SHF_ALLOC sections, leave NOBITS zero, set sh_addr to the final place.
        var placed = new List<LinuxModuleSection>();
        for (int i = 1; i < sh.Length; i++)
        {
            Shdr s = sh[i];
            if ((s.Flags & ShfAlloc) == 0 || s.MemType < 0)
            {
                continue;
            }

            LinuxModuleRegion r = regions[(ModMemType)(ulong)s.MemType];
            if (s.Type != ShtNoBits)
            {
                file.AsSpan((int)s.Offset, (int)s.Size).CopyTo(bytes[s.MemType].AsSpan((int)s.MemOffset));
            }

            s.Addr = r.Va + s.MemOffset;
            if (i != symIndex && i != (int)sh[symIndex].Link)
            {
                placed.Add(new LinuxModuleSection(i, s.Name, r.Type, s.Addr, s.Size, s.Flags));
            }
        }

        ulong[] values = SimplifySymbols(file, sh, symIndex, pcpu, lookup);
        ApplyRelocations(file, sh, symIndex, values, regions, bytes);
        return new LinuxLoadedModule(regions, placed);
    }

    private static InvalidDataException Fail(string message, LinuxErrno errno) =>
        new InvalidDataException(message + " (-" + errno + ")");

    private static Shdr[] ReadHeaders(byte[] f)
    {
        if (f.Length < 64 || BinaryPrimitives.ReadUInt32LittleEndian(f) != 0x464C457F || f[4] != 2 || f[5] != 1
            || BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(16)) != 1 || BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(18)) != 62
            || BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(58)) != 64)
        {
            throw Fail("not an x86-64 ET_REL object", LinuxErrno.ENOEXEC);
        }

        ulong shoff = BinaryPrimitives.ReadUInt64LittleEndian(f.AsSpan(40));
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(60));
        int shstrndx = BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(62));
        if (shoff > (ulong)f.Length || (ulong)shnum * 64 > (ulong)f.Length - shoff || shstrndx >= shnum)
        {
            throw Fail("invalid section header table", LinuxErrno.ENOEXEC);
        }

        var sh = new Shdr[shnum];
        for (int i = 0; i < shnum; i++)
        {
            ReadOnlySpan<byte> h = f.AsSpan((int)shoff + (64 * i), 64);
            sh[i] = new Shdr
            {
                Type = BinaryPrimitives.ReadUInt32LittleEndian(h.Slice(4)),
                Flags = BinaryPrimitives.ReadUInt64LittleEndian(h.Slice(8)),
                Offset = BinaryPrimitives.ReadUInt64LittleEndian(h.Slice(24)),
                Size = BinaryPrimitives.ReadUInt64LittleEndian(h.Slice(32)),
                Link = BinaryPrimitives.ReadUInt32LittleEndian(h.Slice(40)),
                Info = BinaryPrimitives.ReadUInt32LittleEndian(h.Slice(44)),
                Align = BinaryPrimitives.ReadUInt64LittleEndian(h.Slice(48)),
            };
            if (sh[i].Type != ShtNoBits && (sh[i].Offset > (ulong)f.Length || sh[i].Size > (ulong)f.Length - sh[i].Offset))
            {
                throw Fail("section outside the file", LinuxErrno.ENOEXEC);
            }

            sh[i].Name = BinaryPrimitives.ReadUInt32LittleEndian(h).ToString();
        }

        Shdr names = sh[shstrndx];
        for (int i = 0; i < shnum; i++)
        {
            sh[i].Name = CStr(f, names.Offset + ulong.Parse(sh[i].Name), names.Offset + names.Size);
        }

        return sh;
    }

    private static string CStr(byte[] f, ulong at, ulong limit)
    {
        int start = (int)at;
        int end = Array.IndexOf(f, (byte)0, start, (int)(limit - at));
        if (end < 0)
        {
            throw Fail("unterminated string", LinuxErrno.ENOEXEC);
        }

        return Encoding.ASCII.GetString(f, start, end - start);
    }

    private static int FindSec(Shdr[] sh, string name)
    {
        for (int i = 1; i < sh.Length; i++)
        {
            if ((sh[i].Flags & ShfAlloc) != 0 && sh[i].Name == name)
            {
                return i;
            }
        }

        return 0;
    }

    // module_get_offset_and_type.
    private static ulong Place(ulong[] size, int type, Shdr s)
    {
        ulong align = s.Align == 0 ? 1 : s.Align;
        ulong offset = (size[type] + align - 1) / align * align;
        size[type] = offset + s.Size;
        return offset;
    }

    // layout_sections: core pass then init pass over the masks table.
    private static void LayoutSections(Shdr[] sh, ulong[] size)
    {
        (ulong Need, ulong Forbid)[] masks =
        {
            (ShfExec | ShfAlloc, 0), (ShfAlloc, ShfWrite), (ShfRoAfterInit | ShfAlloc, 0), (ShfWrite | ShfAlloc, 0), (ShfAlloc, 0),
        };
        int[] core = { (int)ModMemType.Text, (int)ModMemType.RoData, (int)ModMemType.RoAfterInit, (int)ModMemType.Data, (int)ModMemType.Data };
        int[] init = { (int)ModMemType.InitText, (int)ModMemType.InitRoData, -1, (int)ModMemType.InitData, (int)ModMemType.InitData };
        foreach (bool isInit in new[] { false, true })
        {
            for (int m = 0; m < masks.Length; m++)
            {
                int type = isInit ? init[m] : core[m];
                for (int i = 0; i < sh.Length; i++)
                {
                    Shdr s = sh[i];
                    if ((s.Flags & masks[m].Need) != masks[m].Need || (s.Flags & masks[m].Forbid) != 0
                        || s.MemType >= 0 || s.Name.StartsWith(".init", StringComparison.Ordinal) != isInit || type < 0)
                    {
                        continue;
                    }

                    s.MemOffset = Place(size, type, s);
                    s.MemType = type;
                }
            }
        }
    }
}
