namespace Lvbs.Runtime;

/// <summary>
/// What the loader told us: the PVH start info (Xen public/arch-x86/hvm/start_info.h, version 1),
/// its memory map and the kernel command line.
/// </summary>
public static unsafe class BootInfo
{
    private const uint StartInfoMagic = 0x336EC578;
    private const uint MemoryTypeRam = 1;

    private struct StartInfo
    {
        internal uint Magic;
        internal uint Version;
        internal uint Flags;
        internal uint ModuleCount;
        internal ulong ModuleListAddress;
        internal ulong CommandLineAddress;
        internal ulong RsdpAddress;
        internal ulong MemoryMapAddress;
        internal uint MemoryMapEntries;
        internal uint Reserved;
    }

    private struct MemoryMapEntry
    {
        internal ulong Address;
        internal ulong Size;
        internal uint Type;
        internal uint Reserved;
    }

    private const int MaxMemoryMapEntries = 128;
    private const int MaxModules = 4;
    private const int MaxCommandLine = 1024;

    // The loader leaves these in low memory, including page 0, which the kernel unmaps once it
    // has its own copy (so null dereferences fault).
    private struct Copy
    {
        internal StartInfo Info;
        internal fixed byte MemoryMap[MaxMemoryMapEntries * 24];
        internal fixed byte CommandLine[MaxCommandLine];
        internal int CommandLineLength;
        // hvm_modlist_entry { u64 paddr; u64 size; u64 cmdline_paddr; u64 reserved; }
        internal fixed ulong Modules[MaxModules * 4];
        internal int ModuleCount;
    }

    private static Copy s_copy;
    private static StartInfo* s_startInfo;

    internal static bool Initialize(nuint startInfo)
    {
        StartInfo* info = (StartInfo*)startInfo;
        if (info == null || info->Magic != StartInfoMagic)
        {
            return false;
        }
        // SAFETY: s_copy is a non-GC static (in .bss), so its address is fixed.
        fixed (Copy* copy = &s_copy)
        {
            copy->Info = *info;
            uint entries = info->Version >= 1 ? info->MemoryMapEntries : 0;
            if (entries > MaxMemoryMapEntries)
            {
                entries = MaxMemoryMapEntries;
            }
            if (info->MemoryMapAddress != 0)
            {
                Native.MemoryMove(copy->MemoryMap, (byte*)info->MemoryMapAddress, entries * 24);
            }
            copy->Info.MemoryMapEntries = entries;
            copy->Info.MemoryMapAddress = (ulong)copy->MemoryMap;
            int length = 0;
            byte* text = (byte*)info->CommandLineAddress;
            while (text != null && length < MaxCommandLine - 1 && text[length] != 0)
            {
                copy->CommandLine[length] = text[length];
                length++;
            }
            copy->CommandLineLength = length;
            uint modules = info->ModuleCount < MaxModules ? info->ModuleCount : MaxModules;
            if (info->ModuleListAddress != 0)
            {
                Native.MemoryMove((byte*)copy->Modules, (byte*)info->ModuleListAddress, modules * 32);
                copy->ModuleCount = (int)modules;
            }
            copy->Info.CommandLineAddress = (ulong)copy->CommandLine;
            s_startInfo = &copy->Info;
        }
        return true;
    }

    /// <summary>The command line as ASCII bytes (empty when the loader gave none).</summary>
    public static System.ReadOnlySpan<byte> CommandLine
    {
        get
        {
            if (s_startInfo == null || s_startInfo->CommandLineAddress == 0)
            {
                return default;
            }
            return new System.ReadOnlySpan<byte>((byte*)s_startInfo->CommandLineAddress, s_copy.CommandLineLength);
        }
    }

    /// <summary>Number of PVH modules (QEMU: <c>-initrd</c> is module 0).</summary>
    public static int ModuleCount => s_copy.ModuleCount;

    /// <summary>The physical range of PVH module <paramref name="index"/> (left in place by the loader).</summary>
    public static bool TryGetModule(int index, out ulong address, out ulong size)
    {
        address = size = 0;
        if (index < 0 || index >= s_copy.ModuleCount)
        {
            return false;
        }
        fixed (Copy* copy = &s_copy)
        {
            address = copy->Modules[index * 4];
            size = copy->Modules[index * 4 + 1];
        }
        return true;
    }

    /// <summary>The ACPI RSDP's physical address from the start info (0 when absent).</summary>
    public static ulong RsdpAddress => s_startInfo == null ? 0 : s_startInfo->RsdpAddress;

    /// <summary>Number of entries in the PVH memory map.</summary>
    public static int MemoryMapCount => s_startInfo == null ? 0 : (int)s_startInfo->MemoryMapEntries;

    /// <summary>Entry <paramref name="index"/> of the memory map (type 1 = RAM, as in E820).</summary>
    public static bool TryGetMemoryMapEntry(int index, out ulong address, out ulong size, out uint type)
    {
        address = size = 0;
        type = 0;
        if (index < 0 || index >= MemoryMapCount)
        {
            return false;
        }
        MemoryMapEntry* entry = (MemoryMapEntry*)s_startInfo->MemoryMapAddress + index;
        address = entry->Address;
        size = entry->Size;
        type = entry->Type;
        return true;
    }

    /// <summary>The largest RAM range above <paramref name="floor"/> and below 4 GiB (the boot identity map).</summary>
    internal static bool TryFindLargestRam(ulong floor, out ulong start, out ulong end)
    {
        start = end = 0;
        if (s_startInfo == null || s_startInfo->Version < 1 || s_startInfo->MemoryMapAddress == 0)
        {
            return false;
        }
        MemoryMapEntry* entries = (MemoryMapEntry*)s_startInfo->MemoryMapAddress;
        for (uint i = 0; i < s_startInfo->MemoryMapEntries; i++)
        {
            if (entries[i].Type != MemoryTypeRam)
            {
                continue;
            }
            ulong rangeStart = entries[i].Address, rangeEnd = entries[i].Address + entries[i].Size;
            if (rangeStart < floor)
            {
                rangeStart = floor;
            }
            if (rangeEnd > 0x1_0000_0000UL)
            {
                rangeEnd = 0x1_0000_0000UL;
            }
            if (rangeEnd > rangeStart && rangeEnd - rangeStart > end - start)
            {
                start = rangeStart;
                end = rangeEnd;
            }
        }
        return end > start;
    }

    /// <summary>Finds <c>name=value</c> on the command line; the value as a span of the line.</summary>
    public static bool TryGetOption(string name, out System.ReadOnlySpan<byte> value)
    {
        System.ReadOnlySpan<byte> line = CommandLine;
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && line[i] == (byte)' ')
            {
                i++;
            }
            int wordStart = i;
            while (i < line.Length && line[i] != (byte)' ')
            {
                i++;
            }
            System.ReadOnlySpan<byte> word = line.Slice(wordStart, i - wordStart);
            if (MatchesName(word, name, out int consumed))
            {
                value = consumed < word.Length ? word.Slice(consumed + 1) : default;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>True when <c>name=value</c> is on the command line, exactly.</summary>
    public static bool HasOption(string name, string value) =>
        TryGetOption(name, out System.ReadOnlySpan<byte> actual) && TextEquals(actual, value);

    /// <summary>True when the ASCII bytes <paramref name="text"/> spell <paramref name="expected"/>.</summary>
    public static bool TextEquals(System.ReadOnlySpan<byte> text, string expected)
    {
        if (text.Length != expected.Length)
        {
            return false;
        }
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != (byte)expected[i])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>True when the word <paramref name="flag"/> (or <c>flag=...</c>) is on the command line.</summary>
    public static bool HasFlag(string flag) => TryGetOption(flag, out _);

    private static bool MatchesName(System.ReadOnlySpan<byte> word, string name, out int consumed)
    {
        consumed = name.Length;
        return word.Length >= name.Length && TextEquals(word.Slice(0, name.Length), name) &&
            (word.Length == name.Length || word[name.Length] == (byte)'=');
    }

    /// <summary>Parses a size like <c>4M</c>, <c>512K</c> or <c>1048576</c>; false on malformed text.</summary>
    public static bool TryParseSize(System.ReadOnlySpan<byte> text, out ulong bytes)
    {
        bytes = 0;
        if (text.Length == 0)
        {
            return false;
        }
        int digits = text.Length;
        ulong multiplier = 1;
        byte suffix = text[text.Length - 1];
        if (suffix == (byte)'K' || suffix == (byte)'k') { multiplier = 1UL << 10; digits--; }
        else if (suffix == (byte)'M' || suffix == (byte)'m') { multiplier = 1UL << 20; digits--; }
        else if (suffix == (byte)'G' || suffix == (byte)'g') { multiplier = 1UL << 30; digits--; }
        if (digits == 0 || digits > 12)
        {
            return false;
        }
        ulong value = 0;
        for (int k = 0; k < digits; k++)
        {
            byte c = text[k];
            if (c < (byte)'0' || c > (byte)'9')
            {
                return false;
            }
            value = value * 10 + (ulong)(c - '0');
        }
        bytes = value * multiplier;
        return true;
    }
}
