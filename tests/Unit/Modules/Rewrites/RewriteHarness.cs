using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Lvbs.Kernel.Modules;
using Lvbs.Kernel.Modules.Content.Rewrites;

namespace Lvbs.Tests.Unit.Modules.Rewrites;

/// <summary>A synthetic relocated module: named sections at fixed addresses, text sections flagged.</summary>
internal sealed class FakeSections : IRelocatedSections
{
    private readonly Dictionary<string, (ulong Va, byte[] Bytes, bool Text)> _sections = new();

    /// <summary>Adds a text section.</summary>
    public FakeSections Text(string name, ulong va, byte[] bytes)
    {
        _sections[name] = (va, bytes, true);
        return this;
    }

    /// <summary>Adds a data section (a site table, .data).</summary>
    public FakeSections Data(string name, ulong va, byte[] bytes)
    {
        _sections[name] = (va, bytes, false);
        return this;
    }

    /// <summary>The reference bytes at [<paramref name="va"/>, +<paramref name="length"/>).</summary>
    public byte[] Read(ulong va, int length)
    {
        foreach ((ulong s, byte[] b, bool _) in _sections.Values)
        {
            if (va >= s && va + (ulong)length <= s + (ulong)b.Length)
            {
                return b.AsSpan((int)(va - s), length).ToArray();
            }
        }

        throw new ArgumentOutOfRangeException(nameof(va));
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

    public bool IsInText(ulong va, int length) =>
        _sections.Values.Any(s => s.Text && va >= s.Va && va + (ulong)length <= s.Va + (ulong)s.Bytes.Length);
}

/// <summary>Core-kernel exports for synthetic tests; names not listed do not resolve.</summary>
internal sealed class FakeSymbols : IModuleSymbolResolver
{
    public const ulong ThunkRax = 0xFFFF_FFFF_81E0_0000;
    public const ulong ThunkRcx = ThunkRax + 0x20;
    public const ulong ThunkR11 = ThunkRax + (11 * 0x20);
    public const ulong ReturnThunk = 0xFFFF_FFFF_81E0_1000;
    public const ulong SrsoThunk = 0xFFFF_FFFF_81E0_2000;
    public const ulong Fentry = 0xFFFF_FFFF_8100_0100;
    public const ulong PvOps = 0xFFFF_FFFF_8200_0000;
    public const ulong ParavirtNop = 0xFFFF_FFFF_8100_0200;
    public const ulong Return0 = 0xFFFF_FFFF_8100_0300;
    public const ulong Trampoline = 0xFFFF_FFFF_8100_1000;
    public const ulong CoreFunction = 0xFFFF_FFFF_8123_4560;
    public const ulong NativePvFunction = 0xFFFF_FFFF_8100_4440;
    public const ulong ParavirtBug = 0xFFFF_FFFF_8100_5550;

    private static readonly string[] Regs = { "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15" };

    private readonly Dictionary<string, ulong> _symbols = new()
    {
        ["__x86_return_thunk"] = ReturnThunk,
        ["srso_return_thunk"] = SrsoThunk,
        ["__fentry__"] = Fentry,
        ["pv_ops"] = PvOps,
        ["_paravirt_nop"] = ParavirtNop,
        ["paravirt_BUG"] = ParavirtBug,
        ["__static_call_return0"] = Return0,
    };

    public FakeSymbols()
    {
        for (int r = 0; r < 16; r++)
        {
            if (r != 4)
            {
                _symbols["__x86_indirect_thunk_" + Regs[r]] = ThunkRax + (ulong)(r * 0x20);
            }
        }
    }

    public bool TryResolve(ReadOnlySpan<byte> name, bool gplOk, out ulong address, out ResolvedSymbolFlags flags)
    {
        flags = ResolvedSymbolFlags.None;
        return _symbols.TryGetValue(Encoding.ASCII.GetString(name), out address);
    }
}

/// <summary>Locked core memory for synthetic tests: explicit byte runs.</summary>
internal sealed class DictionaryLockedMemory : ILockedKernelMemory
{
    public Dictionary<ulong, byte[]> Bytes { get; } = new();

    public bool TryRead(ulong va, Span<byte> destination)
    {
        if (!Bytes.TryGetValue(va, out byte[]? b) || b.Length < destination.Length)
        {
            return false;
        }

        b.AsSpan(0, destination.Length).CopyTo(destination);
        return true;
    }
}

/// <summary>Building blocks for the synthetic rule tests.</summary>
internal static class Rw
{
    public const ulong TextVa = 0xFFFF_FFFF_C000_0000;
    public const ulong TableVa = 0xFFFF_FFFF_C010_0000;
    public const ulong DataVa = 0xFFFF_FFFF_C020_0000;
    public const ulong ReplacementVa = 0xFFFF_FFFF_C030_0000;
    public const int TextSize = 0x100;

    /// <summary>A 256-byte text section of int3 with <paramref name="code"/> at <paramref name="offset"/>.</summary>
    public static byte[] Text(int offset, params byte[] code)
    {
        byte[] text = Enumerable.Repeat((byte)0xcc, TextSize).ToArray();
        code.CopyTo(text, offset);
        return text;
    }

    /// <summary><c>opcode rel32</c> at <paramref name="va"/> to <paramref name="target"/>.</summary>
    public static byte[] Branch(byte opcode, ulong va, ulong target)
    {
        var b = new byte[5];
        b[0] = opcode;
        BitConverter.GetBytes((int)(long)(target - (va + 5))).CopyTo(b, 1);
        return b;
    }

    /// <summary>A table of PREL32 entries at <paramref name="tableVa"/> pointing at <paramref name="targets"/>.</summary>
    public static byte[] Prel32(ulong tableVa, params ulong[] targets)
    {
        var t = new byte[targets.Length * 4];
        for (int i = 0; i < targets.Length; i++)
        {
            BitConverter.GetBytes((int)(long)(targets[i] - (tableVa + (ulong)(i * 4)))).CopyTo(t, i * 4);
        }

        return t;
    }

    /// <summary>A table of absolute 64-bit addresses.</summary>
    public static byte[] Abs64(params ulong[] targets) => targets.SelectMany(BitConverter.GetBytes).ToArray();

    /// <summary>Prepares fresh rules over <paramref name="sections"/>; asserts success.</summary>
    public static LinuxRewriteSiteRules Prepared(FakeSections sections, ILockedKernelMemory? memory = null)
    {
        var rules = new LinuxRewriteSiteRules(memory);
        int status = rules.Prepare(sections, new FakeSymbols());
        if (status != 0)
        {
            throw new InvalidOperationException("Prepare returned " + status);
        }

        return rules;
    }

    /// <summary>
    /// Whether the rules accept the window containing <paramref name="va"/> when the loaded module
    /// has <paramref name="loaded"/> at <paramref name="va"/> (and reference bytes elsewhere).
    /// </summary>
    public static bool Accepts(LinuxRewriteSiteRules rules, FakeSections sections, ulong va, params byte[] loaded)
    {
        for (int i = 0; i < rules.WindowCount; i++)
        {
            var w = rules.GetWindow(i);
            if (va >= w.Va && va < w.Va + (ulong)w.Length)
            {
                byte[] reference = sections.Read(w.Va, w.Length);
                byte[] bytes = (byte[])reference.Clone();
                int at = (int)(va - w.Va);
                if (at + loaded.Length > bytes.Length)
                {
                    return false;
                }

                loaded.CopyTo(bytes, at);
                return rules.Accept(i, reference, bytes);
            }
        }

        throw new InvalidOperationException("no window at the site");
    }

    /// <summary>Concatenates byte runs.</summary>
    public static byte[] B(params object[] parts)
    {
        var all = new List<byte>();
        foreach (object p in parts)
        {
            switch (p)
            {
                case byte[] a:
                    all.AddRange(a);
                    break;
                case int i:
                    all.Add((byte)i);
                    break;
                default:
                    throw new ArgumentException("byte[] or int", nameof(parts));
            }
        }

        return all.ToArray();
    }
}
