using Internal.Runtime;

namespace Lvbs.Runtime;

/// <summary>
/// Names for addresses, for fault and exception reports. The image build links a sorted table of
/// the image's own symbols (functions and MethodTables) into the <c>.ksyms</c> section:
/// <c>u64 count</c>, then <c>count</c> entries <c>{ u64 address; u32 nameOffset; u32 nameLength }</c>,
/// then the UTF-8 names. Without the table, addresses print as hex.
/// </summary>
public static unsafe class SymbolTable
{
    private struct Entry
    {
        internal ulong Address;
        internal uint NameOffset;
        internal uint NameLength;
    }

    /// <summary>Finds the symbol containing <paramref name="address"/>; false when none precedes it.</summary>
    private static bool TryFind(ulong address, out Entry* entry, out byte* names)
    {
        entry = null;
        names = null;
        nuint start = Native.SymbolsStart, end = Native.SymbolsEnd;
        if (end - start < 8)
        {
            return false;
        }
        ulong count = *(ulong*)start;
        Entry* entries = (Entry*)(start + 8);
        if (count == 0 || 8 + count * (ulong)sizeof(Entry) > end - start)
        {
            return false;
        }
        names = (byte*)(entries + count);
        // Last entry whose address is <= the one we look for.
        ulong low = 0, high = count;
        while (low < high)
        {
            ulong middle = (low + high) / 2;
            if (entries[middle].Address <= address)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        if (low == 0)
        {
            return false;
        }
        entry = &entries[low - 1];
        return true;
    }

    /// <summary>Prints "name+0xoffset" for a code address, or the bare address.</summary>
    public static void WriteAddress(ulong address)
    {
        Console.WriteHex(address);
        // Only code addresses get a name: a data address would borrow the nearest type's.
        bool inText = address >= Native.TextStart && address < Native.TextEnd;
        if (inText && TryFind(address, out Entry* entry, out byte* names))
        {
            Console.Write(" (");
            WriteName(names + entry->NameOffset, entry->NameLength);
            Console.Write("+");
            Console.WriteHex(address - entry->Address);
            Console.Write(")");
        }
    }

    /// <summary>Prints a type's name from its MethodTable, or its address when the table lacks it.</summary>
    internal static void WriteTypeName(MethodTable* type)
    {
        if (TryFind((ulong)type, out Entry* entry, out byte* names) && entry->Address == (ulong)type)
        {
            WriteName(names + entry->NameOffset, entry->NameLength);
            return;
        }
        Console.Write("type@");
        Console.WriteHex((ulong)type);
    }

    private static void WriteName(byte* name, uint length)
    {
        for (uint i = 0; i < length; i++)
        {
            Console.Write((char)name[i]);
        }
    }
}
