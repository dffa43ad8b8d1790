using System;
using System.Buffers.Binary;

namespace Lvbs.Kernel.Heki.TextPatch;

/// <summary>
/// The final encodings a site may hold (module-signatures.md §5.1), and nothing else.
/// Jump label, 2-byte site: <c>66 90</c> (NOP2) or <c>eb rel8</c> to exactly the entry's target.
/// Jump label, 5-byte site: <c>0f 1f 44 00 00</c> (NOP5) or <c>e9 rel32</c> to exactly the target.
/// Static call, CALL site: <c>e8 rel32</c> to the site's trusted initial target (its
/// <c>__SCT__</c> trampoline for modules), NOP5 (NULL function), <c>2e 2e 2e 31 c0</c>
/// (<c>__static_call_return0</c>, Linux's xor5rax). Static call, TAIL site: <c>e9 rel32</c> to
/// the initial target, <c>c3 cc cc cc cc</c> (NULL without return thunks), and, only when VTL1
/// was told those kernel addresses, <c>e9 rel32</c> to <c>__static_call_return0</c> or to
/// a return thunk (<c>__x86_return_thunk</c>, <c>srso_return_thunk</c>...: NULL with return thunks). Linux's
/// <c>__static_call_transform</c> produces exactly these forms; a CALL/JMP to any other function
/// is refused because VTL1 has no list of the functions a key may legitimately hold.
/// </summary>
public static class TextEncodings
{
    /// <summary>INT3.</summary>
    public const byte Int3 = 0xCC;

    /// <summary>Jump-label and static-call sites are at most 5 bytes (POKE_MAX_OPCODE_SIZE).</summary>
    public const int MaxLength = 5;

    /// <summary>True when <paramref name="code"/> is <c>0f 1f 44 00 00</c>.</summary>
    public static bool IsNop5(ReadOnlySpan<byte> code) =>
        code.Length == 5 && code[0] == 0x0F && code[1] == 0x1F && code[2] == 0x44 && code[3] == 0x00 && code[4] == 0x00;

    /// <summary>True when <paramref name="code"/> is <c>66 90</c>.</summary>
    public static bool IsNop2(ReadOnlySpan<byte> code) => code.Length == 2 && code[0] == 0x66 && code[1] == 0x90;

    /// <summary>True when <paramref name="code"/> is Linux's xor5rax <c>2e 2e 2e 31 c0</c>.</summary>
    public static bool IsXor5Rax(ReadOnlySpan<byte> code) =>
        code.Length == 5 && code[0] == 0x2E && code[1] == 0x2E && code[2] == 0x2E && code[3] == 0x31 && code[4] == 0xC0;

    /// <summary>True when <paramref name="code"/> is RET padded with INT3 (<c>c3 cc cc cc cc</c>).</summary>
    public static bool IsRet5(ReadOnlySpan<byte> code) =>
        code.Length == 5 && code[0] == 0xC3 && code[1] == Int3 && code[2] == Int3 && code[3] == Int3 && code[4] == Int3;

    /// <summary>True when <paramref name="code"/> is <paramref name="opcode"/> rel32 from <paramref name="va"/> to <paramref name="target"/>.</summary>
    public static bool IsRel32To(ReadOnlySpan<byte> code, byte opcode, ulong va, ulong target)
    {
        return code.Length == 5 && code[0] == opcode && target != 0 && Rel32Target(va, code) == target;
    }

    /// <summary>Destination of the rel32 instruction <paramref name="code"/> at <paramref name="va"/>.</summary>
    public static ulong Rel32Target(ulong va, ReadOnlySpan<byte> code)
    {
        int rel = BinaryPrimitives.ReadInt32LittleEndian(code.Slice(1, 4));
        return unchecked(va + 5 + (ulong)(long)rel);
    }

    /// <summary>
    /// The length of a jump-label site whose sealed bytes start with <paramref name="current"/>
    /// (up to 5 bytes; fewer near the end of a section), or 0 when they are no legal encoding for
    /// <paramref name="target"/>.
    /// </summary>
    public static byte JumpLabelLength(ulong va, ulong target, ReadOnlySpan<byte> current)
    {
        if (current.Length >= 5 && (IsNop5(current.Slice(0, 5)) || IsRel32To(current.Slice(0, 5), 0xE9, va, target)))
        {
            return 5;
        }

        if (current.Length < 2)
        {
            return 0;
        }

        if (IsNop2(current.Slice(0, 2)) || (current[0] == 0xEB && unchecked(va + 2 + (ulong)(long)(sbyte)current[1]) == target))
        {
            return 2;
        }

        return 0;
    }

    private static bool IsJmpToAny(ReadOnlySpan<byte> code, ulong va, ReadOnlySpan<ulong> targets)
    {
        for (int i = 0; i < targets.Length; i++)
        {
            if (IsRel32To(code, 0xE9, va, targets[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="code"/> (exactly the site's length) is a legal final encoding of <paramref name="site"/>.</summary>
    public static bool IsLegal(in TextPatchSite site, ReadOnlySpan<byte> code, ulong staticCallReturn0, ReadOnlySpan<ulong> returnThunks)
    {
        if (site.Length == 0 || code.Length != site.Length)
        {
            return false;
        }

        switch (site.Kind)
        {
            case TextPatchSiteKind.JumpLabel:
                if (site.Length == 2)
                {
                    return IsNop2(code) || (code[0] == 0xEB && unchecked(site.Va + 2 + (ulong)(long)(sbyte)code[1]) == site.Target);
                }

                return site.Length == 5 && (IsNop5(code) || IsRel32To(code, 0xE9, site.Va, site.Target));
            case TextPatchSiteKind.StaticCall:
                if (site.Length != 5)
                {
                    return false;
                }

                if (site.Tail)
                {
                    return IsRel32To(code, 0xE9, site.Va, site.Target)
                        || IsRel32To(code, 0xE9, site.Va, staticCallReturn0)
                        || IsRet5(code)
                        || IsJmpToAny(code, site.Va, returnThunks);
                }

                return IsRel32To(code, 0xE8, site.Va, site.Target) || IsNop5(code) || IsXor5Rax(code);
            default:
                return false;
        }
    }
}
