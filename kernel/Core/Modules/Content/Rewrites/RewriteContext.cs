using System;

namespace Lvbs.Kernel.Modules.Content.Rewrites;

/// <summary>
/// Core-kernel addresses the rules compare site targets with, resolved once per module through
/// <see cref="IModuleSymbolResolver"/> (exports VTL1 holds). An address that does not resolve
/// stays 0 and enables no encoding.
/// </summary>
internal sealed class RewriteContext
{
    /// <summary>Indirect thunk per register number (rax=0 … r15=15; rsp has none).</summary>
    public readonly ulong[] IndirectThunks = new ulong[16];

    /// <summary>Return thunks <c>x86_return_thunk</c> may be (<c>__x86_return_thunk</c> and the SRSO/retbleed/ITS variants when exported).</summary>
    public readonly ulong[] ReturnThunks = new ulong[ReturnThunkCount];

    /// <summary>How many return thunks are known by name.</summary>
    public const int ReturnThunkCount = 5;

    /// <summary><c>__fentry__</c>.</summary>
    public ulong Fentry;

    /// <summary><c>__static_call_return0</c> (a static call to it is written as the 5-byte xor %eax,%eax).</summary>
    public ulong StaticCallReturn0;

    /// <summary><c>pv_ops</c>.</summary>
    public ulong PvOps;

    /// <summary><c>_paravirt_nop</c> (a pv op that is patched to NOPs).</summary>
    public ulong ParavirtNop;

    /// <summary><c>paravirt_BUG</c> (what a NULL pv op is patched to call).</summary>
    public ulong ParavirtBug;

    /// <summary>Locked core memory, or null.</summary>
    public ILockedKernelMemory? Memory;

    /// <summary>Bytes of every alternative's replacement, copied from the reference <c>.altinstr_replacement</c>.</summary>
    public byte[] ReplacementPool = Array.Empty<byte>();

    /// <summary>Address of the reference <c>.orc_unwind_ip</c> table (when both ORC tables are present).</summary>
    public ulong OrcIpVa;

    /// <summary>Copy of the reference <c>.orc_unwind_ip</c> table.</summary>
    public byte[] OrcIp = Array.Empty<byte>();

    /// <summary>Resolves every address from <paramref name="symbols"/>.</summary>
    public void Resolve(IModuleSymbolResolver symbols)
    {
        Span<byte> name = stackalloc byte[40];
        ReadOnlySpan<byte> prefix = "__x86_indirect_thunk_"u8;
        prefix.CopyTo(name);
        for (int reg = 0; reg < 16; reg++)
        {
            ReadOnlySpan<byte> suffix = RegisterName(reg);
            suffix.CopyTo(name.Slice(prefix.Length));
            IndirectThunks[reg] = reg == 4 ? 0 : Lookup(symbols, name.Slice(0, prefix.Length + suffix.Length));
        }

        ReturnThunks[0] = Lookup(symbols, "__x86_return_thunk"u8);
        ReturnThunks[1] = Lookup(symbols, "srso_return_thunk"u8);
        ReturnThunks[2] = Lookup(symbols, "srso_alias_return_thunk"u8);
        ReturnThunks[3] = Lookup(symbols, "retbleed_return_thunk"u8);
        ReturnThunks[4] = Lookup(symbols, "its_return_thunk"u8);
        Fentry = Lookup(symbols, "__fentry__"u8);
        StaticCallReturn0 = Lookup(symbols, "__static_call_return0"u8);
        PvOps = Lookup(symbols, "pv_ops"u8);
        ParavirtNop = Lookup(symbols, "_paravirt_nop"u8);
        ParavirtBug = Lookup(symbols, "paravirt_BUG"u8);
    }

    /// <summary>True when <paramref name="va"/> is one of the known return thunks.</summary>
    public bool IsReturnThunk(ulong va)
    {
        for (int i = 0; i < ReturnThunks.Length; i++)
        {
            if (ReturnThunks[i] != 0 && ReturnThunks[i] == va)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The register whose indirect thunk is <paramref name="va"/>, or -1.</summary>
    public int ThunkRegister(ulong va)
    {
        for (int reg = 0; reg < 16; reg++)
        {
            if (IndirectThunks[reg] != 0 && IndirectThunks[reg] == va)
            {
                return reg;
            }
        }

        return -1;
    }

    // VTL1's own lookup of core addresses to recognise site targets, not a binding by the
    // module, so GPL-only exports count whatever the module's license.
    private static ulong Lookup(IModuleSymbolResolver symbols, ReadOnlySpan<byte> name)
        => symbols.TryResolve(name, true, out ulong address, out _) ? address : 0;

    private static ReadOnlySpan<byte> RegisterName(int reg) => reg switch
    {
        0 => "rax"u8,
        1 => "rcx"u8,
        2 => "rdx"u8,
        3 => "rbx"u8,
        4 => "rsp"u8,
        5 => "rbp"u8,
        6 => "rsi"u8,
        7 => "rdi"u8,
        8 => "r8"u8,
        9 => "r9"u8,
        10 => "r10"u8,
        11 => "r11"u8,
        12 => "r12"u8,
        13 => "r13"u8,
        14 => "r14"u8,
        _ => "r15"u8,
    };
}
