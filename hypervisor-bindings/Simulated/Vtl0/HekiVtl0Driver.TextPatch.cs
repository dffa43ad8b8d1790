using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Simulated.Vtl0.Modules;

namespace Lvbs.Hypervisor.Simulated.Vtl0;

public sealed partial class HekiVtl0Driver
{
    private ulong _patchPage;

    /// <summary>
    /// One PATCH_TEXT step: writes a HekiPatch {pa[0], pa[1], size, code} (lvbs-abi.md §1.3) into
    /// a scratch page and calls VTL1 with a1 = its PA and a2 = pa[1]. pa[1] is the next text
    /// page's PA when the write crosses a page, else 0; <paramref name="paOf"/> translates text VAs.
    /// </summary>
    public long PatchText(ulong va, ReadOnlySpan<byte> code, Func<ulong, ulong> paOf)
    {
        if (code.Length is 0 or > HekiPatch.MaxCodeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(code), "a text poke writes 1..5 bytes");
        }

        if (_patchPage == 0 && (_patchPage = Allocate(1)) == 0)
        {
            return -(long)LinuxErrno.ENOMEM;
        }

        ulong pa0 = paOf(va);
        ulong pa1 = (va & 0xFFF) + (ulong)code.Length > 0x1000 ? paOf((va + 0x1000) & ~0xFFFUL) : 0;
        byte[] patch = new byte[HekiPatch.Size];
        BinaryPrimitives.WriteUInt64LittleEndian(patch.AsSpan(HekiPatch.Pa0Offset), pa0);
        BinaryPrimitives.WriteUInt64LittleEndian(patch.AsSpan(HekiPatch.Pa1Offset), pa1);
        patch[HekiPatch.CodeSizeOffset] = (byte)code.Length;
        code.CopyTo(patch.AsSpan(HekiPatch.CodeOffset));
        if (_machine.Vtl0(0).Write(_patchPage, patch) != Vtl0Outcome.Completed)
        {
            return -(long)LinuxErrno.EFAULT;
        }

        return Call(0, VtlCallFunction.PatchText, _patchPage, pa1);
    }

    /// <summary>
    /// Linux's <c>text_poke_bp</c> with the LVBS hook, one site: INT3 at byte 0, then bytes
    /// 1..n-1, then byte 0 (arch/x86/kernel/alternative.c <c>text_poke_bp_batch</c>); stops at
    /// the first refused step and returns its result, else 0.
    /// </summary>
    public long TextPokeBp(ulong va, ReadOnlySpan<byte> instruction, Func<ulong, ulong> paOf)
    {
        long r = PatchText(va, stackalloc byte[] { 0xCC }, paOf);
        if (r == 0 && instruction.Length > 1)
        {
            r = PatchText(va + 1, instruction.Slice(1), paOf);
        }

        return r != 0 ? r : PatchText(va, instruction.Slice(0, 1), paOf);
    }

    /// <summary>
    /// <c>static_key_enable/disable</c> for the entries of <paramref name="key"/> in one loaded
    /// module: each site whose instruction differs from what the new state needs is rewritten
    /// with <see cref="TextPokeBp"/>; init-text entries are skipped once init is freed, as Linux
    /// does. Returns the number of sites rewritten, or the first refused step's -errno.
    /// </summary>
    public long SetModuleJumpKey(LinuxLoadedModule module, PlacedModule placed, ulong key, bool enabled, bool initFreed = false)
    {
        int rewritten = 0;
        foreach (LinuxJumpEntry e in LinuxJumpEntry.Read(module))
        {
            if (e.Key != key || (initFreed && e.Init))
            {
                continue;
            }

            byte[] current = new byte[5];
            if (_machine.Vtl0(0).Read(placed.PaOf(e.Code), current) != Vtl0Outcome.Completed)
            {
                return -(long)LinuxErrno.EFAULT;
            }

            byte[] wanted = e.Instruction(current, enabled);
            if (current.AsSpan(0, wanted.Length).SequenceEqual(wanted))
            {
                continue;
            }

            long r = TextPokeBp(e.Code, wanted, placed.PaOf);
            if (r != 0)
            {
                return r;
            }

            rewritten++;
        }

        return rewritten;
    }

    /// <summary>The distinct keys of a module's jump entries, in first-use order.</summary>
    public static IReadOnlyList<ulong> JumpKeys(LinuxLoadedModule module)
    {
        var keys = new List<ulong>();
        foreach (LinuxJumpEntry e in LinuxJumpEntry.Read(module))
        {
            if (!keys.Contains(e.Key))
            {
                keys.Add(e.Key);
            }
        }

        return keys;
    }
}
