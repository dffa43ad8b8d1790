using System;
using System.Collections.Generic;
using System.Text;
using Lvbs.Abi.Heki;

namespace Lvbs.Hypervisor.Simulated.Vtl0;

/// <summary>
/// A fake core kernel for the simulated VTL0: a .rodata image holding PREL32
/// <c>__ksymtab</c> and <c>__ksymtab_gpl</c> tables (sorted by name, as the linker's
/// <c>SORT(___ksymtab+*)</c> leaves them) and <c>__ksymtab_strings</c>, exporting the given
/// names at distinct addresses in a fake kernel text range, plus the matching
/// <c>struct heki_kinfo</c>. What LOAD_KDATA sends as KernelInfo and KernelData.
/// </summary>
public sealed class SimulatedKernelImage
{
    /// <summary>Start of the fake kernel text (x86-64 __START_KERNEL_map + 16 MiB).</summary>
    public const ulong TextVa = 0xFFFF_FFFF_8100_0000;

    /// <summary>Start of the fake .rodata.</summary>
    public const ulong RodataVa = 0xFFFF_FFFF_8200_0000;

    private readonly Dictionary<string, ulong> _addresses = new(StringComparer.Ordinal);

    private SimulatedKernelImage(byte[] rodata, HekiKernelInfo info)
    {
        Rodata = rodata;
        Info = info;
    }

    /// <summary>The .rodata bytes, to be placed at <see cref="RodataVa"/>.</summary>
    public byte[] Rodata { get; }

    /// <summary>The ksymtab bounds.</summary>
    public HekiKernelInfo Info { get; }

    /// <summary>Every exported name.</summary>
    public IReadOnlyCollection<string> Exports => _addresses.Keys;

    /// <summary>The address a name is exported at.</summary>
    public ulong AddressOf(string name) => _addresses[name];

    /// <summary>True when <paramref name="name"/> is exported.</summary>
    public bool TryGetAddress(string name, out ulong address) => _addresses.TryGetValue(name, out address);

    /// <summary>The 32-byte <c>heki_kinfo</c>.</summary>
    public byte[] KernelInfoBytes()
    {
        byte[] b = new byte[HekiKernelInfo.Size];
        Info.Write(b);
        return b;
    }

    /// <summary>
    /// Builds an image exporting <paramref name="names"/>: names at even positions of the
    /// ordinal order go to <c>__ksymtab</c>, the others to <c>__ksymtab_gpl</c>.
    /// </summary>
    public static SimulatedKernelImage Build(IEnumerable<string> names)
    {
        var sorted = new List<string>(new HashSet<string>(names, StringComparer.Ordinal));
        sorted.Sort(StringComparer.Ordinal);
        var plain = new List<string>();
        var gpl = new List<string>();
        for (int i = 0; i < sorted.Count; i++)
        {
            (i % 2 == 0 ? plain : gpl).Add(sorted[i]);
        }

        int tablesSize = sorted.Count * KernelSymbolEntry.Size;
        int stringsOffset = (tablesSize + 15) & ~15;
        int stringsSize = 0;
        foreach (string n in sorted)
        {
            stringsSize += Encoding.ASCII.GetByteCount(n) + 1;
        }

        // Some unrelated read-only bytes before and after, as in a real .rodata.
        const int lead = 0x40;
        byte[] rodata = new byte[lead + stringsOffset + stringsSize + 0x40];
        var image = new SimulatedKernelImage(rodata, new HekiKernelInfo
        {
            KsymtabStart = RodataVa + lead,
            KsymtabEnd = RodataVa + lead + (ulong)(plain.Count * KernelSymbolEntry.Size),
            KsymtabGplStart = RodataVa + lead + (ulong)(plain.Count * KernelSymbolEntry.Size),
            KsymtabGplEnd = RodataVa + lead + (ulong)tablesSize,
        });

        int stringAt = lead + stringsOffset;
        int entryAt = lead;
        int index = 0;
        foreach (List<string> table in new[] { plain, gpl })
        {
            foreach (string name in table)
            {
                ulong value = TextVa + 0x1000 + ((ulong)index++ * 0x40);
                ulong entryVa = RodataVa + (ulong)entryAt;
                ulong nameVa = RodataVa + (ulong)stringAt;
                var e = new KernelSymbolEntry
                {
                    ValueOffset = checked((int)unchecked((long)(value - (entryVa + KernelSymbolEntry.ValueOffsetField)))),
                    NameOffset = checked((int)unchecked((long)(nameVa - (entryVa + KernelSymbolEntry.NameOffsetField)))),
                    NamespaceOffset = 0,
                };
                e.Write(rodata.AsSpan(entryAt, KernelSymbolEntry.Size));
                stringAt += Encoding.ASCII.GetBytes(name, rodata.AsSpan(stringAt)) + 1;
                entryAt += KernelSymbolEntry.Size;
                image._addresses[name] = value;
            }
        }

        return image;
    }
}
