using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;
using Lvbs.Kernel.Modules;

namespace Lvbs.Tests.Unit.Heki.TextPatch;

/// <summary>A hand-built relocated view for edge cases real modules do not have (init-text sites, page-straddling sites, malformed tables).</summary>
internal sealed class SyntheticSections : IRelocatedSections
{
    private readonly Dictionary<string, (ulong Va, byte[] Bytes, bool Exec)> _sections = new();

    public SyntheticSections Add(string name, ulong va, byte[] bytes, bool exec)
    {
        _sections[name] = (va, bytes, exec);
        return this;
    }

    public bool TryGetSection(ReadOnlySpan<byte> name, out ulong va, out ReadOnlySpan<byte> reference)
    {
        if (_sections.TryGetValue(Encoding.ASCII.GetString(name), out var s))
        {
            va = s.Va;
            reference = s.Bytes;
            return true;
        }

        va = 0;
        reference = default;
        return false;
    }

    public bool IsInText(ulong va, int length)
    {
        foreach (var s in _sections.Values)
        {
            if (s.Exec && va >= s.Va && va + (ulong)length <= s.Va + (ulong)s.Bytes.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A relative jump_entry at <paramref name="entryVa"/>.</summary>
    public static byte[] JumpEntry(ulong entryVa, ulong code, ulong target, ulong key)
    {
        byte[] e = new byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(e, (int)(long)(code - entryVa));
        BinaryPrimitives.WriteInt32LittleEndian(e.AsSpan(4), (int)(long)(target - (entryVa + 4)));
        BinaryPrimitives.WriteInt64LittleEndian(e.AsSpan(8), (long)(key - (entryVa + 8)));
        return e;
    }

    /// <summary>A relative static_call_site at <paramref name="entryVa"/>.</summary>
    public static byte[] StaticCallSite(ulong entryVa, ulong site, ulong key, bool tail)
    {
        byte[] e = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(e, (int)(long)(site - entryVa));
        BinaryPrimitives.WriteInt32LittleEndian(e.AsSpan(4), (int)(long)(key - (entryVa + 4)) | (tail ? 1 : 0));
        return e;
    }
}
