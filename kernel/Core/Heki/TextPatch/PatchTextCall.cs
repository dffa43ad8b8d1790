using System;
using Lvbs.Abi.Heki;
using Lvbs.Hypervisor.Abstractions;
using Lvbs.Kernel.Modules;

namespace Lvbs.Kernel.Heki.TextPatch;

/// <summary>
/// PATCH_TEXT (0x1FFEB; a1 = PA of a 24-byte HekiPatch, a2 = its pa[1] or 0; lvbs-abi.md §1.2,
/// §1.3, §3). One call is one step of Linux's INT3 protocol (<c>text_poke_bp_batch</c>) on one
/// site VTL1 knows (<see cref="TextPatchSiteTable"/>): step 1 writes <c>cc</c> at byte 0 of a
/// site whose current bytes are a legal encoding; step 2 writes bytes 1..n-1 of a legal final
/// encoding while byte 0 is <c>cc</c>; step 3 writes byte 0 completing exactly that encoding.
/// Every step re-reads the site's current bytes, checks pa[1] against the text map when the
/// write crosses a page, and only then writes through <see cref="IGuestMemory"/> (VTL1's access
/// bypasses VTL0's page protection). Errors (nothing written): EFAULT the patch or the text cannot
/// be read or pa[1] is unaligned; EINVAL malformed (size outside 1..5, a2 ≠ pa[1], pa[1] set
/// for a write that stays in one page); ENOENT the address is in no known text or no site;
/// EACCES a suspicious step (wrong order, wrong length, bytes that are not a legal encoding for
/// the site, pa[1] not the page that follows).
/// </summary>
public sealed class PatchTextCall : IVsmCallHandler, ITextPatchSites
{
    private readonly IGuestMemory _memory;
    private readonly TextPatchSiteTable _table = new TextPatchSiteTable();
    private readonly ulong[] _returnThunks = new ulong[5];
    private ulong _staticCallReturn0;

    /// <summary>Creates the service over lower-VTL memory.</summary>
    public PatchTextCall(IGuestMemory memory)
    {
        _memory = memory;
    }

    /// <summary>The sites and text map.</summary>
    public TextPatchSiteTable Sites => _table;

    /// <summary>Steps applied.</summary>
    public ulong Applied { get; private set; }

    /// <summary>Steps refused.</summary>
    public ulong Refused { get; private set; }

    /// <summary>
    /// The kernel addresses static-call NULL/return0 forms may jump to (<c>__static_call_return0</c>,
    /// and up to five return thunks), resolved from the kernel's export table; 0 = unknown.
    /// </summary>
    public void SetKernelTargets(ulong staticCallReturn0, ReadOnlySpan<ulong> returnThunks)
    {
        _staticCallReturn0 = staticCallReturn0;
        Array.Clear(_returnThunks);
        for (int i = 0; i < returnThunks.Length && i < _returnThunks.Length; i++)
        {
            _returnThunks[i] = returnThunks[i];
        }
    }

    /// <summary>Registers core-kernel sites (found by <see cref="KernelSiteScanner"/>); 0 or an errno, all-or-nothing.</summary>
    public int AddKernelSites(ReadOnlySpan<TextPatchSite> sites) => _table.AddSites(sites);

    /// <inheritdoc />
    public int AddModule(long token, IRelocatedSections sections, ulong initTextVa, ulong initTextSize)
    {
        if (token < 0)
        {
            return (int)LinuxErrno.EINVAL;
        }

        int status = ModuleSiteReader.Read(sections, token, initTextVa, initTextSize, out TextPatchSite[] sites);
        return status != 0 ? status : _table.AddSites(sites);
    }

    /// <inheritdoc />
    public int AddTextMapping(ulong va, ulong pa, ulong length, long owner) => _table.AddMapping(va, pa, length, owner);

    /// <inheritdoc />
    public void FreeModuleInit(long token, ulong initTextVa, ulong initTextSize)
    {
        _table.RemoveSites(token, initOnly: true);
        if (initTextSize != 0)
        {
            _table.RemoveMappings(token, initOnly: true, initTextVa, initTextSize);
        }
    }

    /// <inheritdoc />
    public void UnloadModule(long token)
    {
        _table.RemoveSites(token, initOnly: false);
        _table.RemoveMappings(token, initOnly: false, 0, 0);
    }

    /// <inheritdoc />
    public long Handle(in VtlCall call)
    {
        LinuxErrno e = Step(call.Arg1, call.Arg2);
        if (e != 0)
        {
            Refused++;
            return HekiErrno.Negative(e);
        }

        Applied++;
        return 0;
    }

    private LinuxErrno Step(ulong patchPa, ulong secondPa)
    {
        Span<byte> raw = stackalloc byte[HekiPatch.Size];
        if (_memory.Read(patchPa, raw) != BindingStatus.Success)
        {
            return LinuxErrno.EFAULT;
        }

        if (!HekiPatch.TryRead(raw, out HekiPatch patch) || (secondPa != 0 && secondPa != patch.Pa1))
        {
            return LinuxErrno.EINVAL;
        }

        int size = patch.CodeSize;
        Span<byte> code = stackalloc byte[TextEncodings.MaxLength];
        for (int i = 0; i < size; i++)
        {
            code[i] = patch.GetCode(i);
        }

        // pa[1] (lvbs-abi.md §1.3): set exactly when the write crosses into the next page.
        ulong pageLeft = GuestRange.PageSize - (patch.Pa0 & (GuestRange.PageSize - 1));
        int first = pageLeft < (ulong)size ? (int)pageLeft : size;
        if (first == size ? patch.Pa1 != 0 : patch.Pa1 == 0)
        {
            return LinuxErrno.EINVAL;
        }

        if ((patch.Pa1 & (GuestRange.PageSize - 1)) != 0)
        {
            return LinuxErrno.EFAULT;
        }

        if (!_table.TryVaOfPa(patch.Pa0, out ulong va))
        {
            return LinuxErrno.ENOENT;
        }

        if (first < size && (!_table.TryPaOfVa(va + (ulong)first, out ulong nextPa) || nextPa != patch.Pa1))
        {
            return LinuxErrno.EACCES;
        }

        bool body = false;
        if (!_table.TryFind(va, out int index))
        {
            if (va == 0 || !_table.TryFind(va - 1, out index))
            {
                return LinuxErrno.ENOENT;
            }

            body = true;
        }

        ref TextPatchSite site = ref _table.At(index);
        Span<byte> current = stackalloc byte[TextEncodings.MaxLength];
        int length = site.Length == 0 ? TextEncodings.MaxLength : site.Length;
        int have = ReadText(site.Va, current.Slice(0, length));
        if (have < 2)
        {
            return LinuxErrno.EFAULT;
        }

        LinuxErrno verdict = body ? CheckBody(ref site, current.Slice(0, have), code.Slice(0, size))
            : CheckByteZero(ref site, current.Slice(0, have), code.Slice(0, size));
        if (verdict != 0)
        {
            return verdict;
        }

        if (_memory.Write(patch.Pa0, code.Slice(0, first)) != BindingStatus.Success
            || (first < size && _memory.Write(patch.Pa1, code.Slice(first, size - first)) != BindingStatus.Success))
        {
            return LinuxErrno.EFAULT;
        }

        Advance(ref site, body, code.Slice(0, size));
        return 0;
    }

    // Steps 1 and 3: one byte at the site's first byte.
    private LinuxErrno CheckByteZero(ref TextPatchSite site, ReadOnlySpan<byte> current, ReadOnlySpan<byte> code)
    {
        if (code.Length != 1)
        {
            return LinuxErrno.EACCES;
        }

        if (code[0] == TextEncodings.Int3)
        {
            if (site.Phase != TextPatchPhase.Stable)
            {
                return LinuxErrno.EACCES;
            }

            return IsStableLegal(ref site, current) ? 0 : LinuxErrno.EACCES;
        }

        if (site.Phase != TextPatchPhase.Body || current.Length < site.Length || current[0] != TextEncodings.Int3)
        {
            return LinuxErrno.EACCES;
        }

        Span<byte> final = stackalloc byte[TextEncodings.MaxLength];
        final[0] = code[0];
        for (int i = 1; i < site.Length; i++)
        {
            final[i] = (byte)(site.PendingBody >> (8 * (i - 1)));
            if (current[i] != final[i])
            {
                return LinuxErrno.EACCES;
            }
        }

        return TextEncodings.IsLegal(in site, final.Slice(0, site.Length), _staticCallReturn0, _returnThunks) ? 0 : LinuxErrno.EACCES;
    }

    // Step 2: bytes 1..n-1 while byte 0 is INT3; some legal encoding must end with them.
    private LinuxErrno CheckBody(ref TextPatchSite site, ReadOnlySpan<byte> current, ReadOnlySpan<byte> code)
    {
        if (site.Phase != TextPatchPhase.Int3 || code.Length != site.Length - 1 || current.Length < site.Length
            || current[0] != TextEncodings.Int3)
        {
            return LinuxErrno.EACCES;
        }

        Span<byte> final = stackalloc byte[TextEncodings.MaxLength];
        code.CopyTo(final.Slice(1));
        for (int i = 0; i < 7; i++)
        {
            final[0] = FirstByte(i);
            if (TextEncodings.IsLegal(in site, final.Slice(0, site.Length), _staticCallReturn0, _returnThunks))
            {
                return 0;
            }
        }

        return LinuxErrno.EACCES;
    }

    // Before step 1: the sealed bytes must be a complete legal encoding. A core jump label learns
    // its length here; a core static call learns its boot-time CALL/JMP target (sealed text).
    private bool IsStableLegal(ref TextPatchSite site, ReadOnlySpan<byte> current)
    {
        byte length = site.Length;
        ulong target = site.Target;
        if (length == 0)
        {
            if (site.Kind != TextPatchSiteKind.JumpLabel)
            {
                return false;
            }

            length = TextEncodings.JumpLabelLength(site.Va, site.Target, current);
            if (length == 0 || (length > 2 && OverlapsNext(site.Va, length)))
            {
                return false;
            }
        }

        if (current.Length < length)
        {
            return false;
        }

        if (site.Kind == TextPatchSiteKind.StaticCall && target == 0 && site.Owner == TextPatchSite.CoreOwner
            && current[0] == (site.Tail ? (byte)0xE9 : (byte)0xE8))
        {
            target = TextEncodings.Rel32Target(site.Va, current.Slice(0, 5));
        }

        TextPatchSite probe = site;
        probe.Length = length;
        probe.Target = target;
        if (!TextEncodings.IsLegal(in probe, current.Slice(0, length), _staticCallReturn0, _returnThunks))
        {
            return false;
        }

        site.Length = length;
        site.Target = target;
        return true;
    }

    private bool OverlapsNext(ulong va, int length)
    {
        for (int i = 1; i < length; i++)
        {
            if (_table.TryFind(va + (ulong)i, out _))
            {
                return true;
            }
        }

        return false;
    }

    private static void Advance(ref TextPatchSite site, bool body, ReadOnlySpan<byte> code)
    {
        if (body)
        {
            uint packed = 0;
            for (int i = 0; i < code.Length; i++)
            {
                packed |= (uint)code[i] << (8 * i);
            }

            site.PendingBody = packed;
            site.PendingLength = (byte)code.Length;
            site.Phase = TextPatchPhase.Body;
        }
        else if (code[0] == TextEncodings.Int3)
        {
            site.Phase = TextPatchPhase.Int3;
        }
        else
        {
            site.Phase = TextPatchPhase.Stable;
            site.PendingBody = 0;
            site.PendingLength = 0;
        }
    }

    // Opcode bytes a legal final encoding can start with (TextEncodings).
    private static byte FirstByte(int i)
    {
        switch (i)
        {
            case 0: return 0x66; // NOP2
            case 1: return 0xEB; // JMP8
            case 2: return 0x0F; // NOP5
            case 3: return 0xE9; // JMP32
            case 4: return 0xE8; // CALL
            case 5: return 0x2E; // xor5rax
            default: return 0xC3; // RET
        }
    }

    // Reads the text at va through the text map, across at most one page boundary; returns the
    // bytes read (fewer when the next page is not mapped or a read fails).
    private int ReadText(ulong va, Span<byte> destination)
    {
        if (!_table.TryPaOfVa(va, out ulong pa))
        {
            return 0;
        }

        ulong pageLeft = GuestRange.PageSize - (pa & (GuestRange.PageSize - 1));
        int first = pageLeft < (ulong)destination.Length ? (int)pageLeft : destination.Length;
        if (_memory.Read(pa, destination.Slice(0, first)) != BindingStatus.Success)
        {
            return 0;
        }

        if (first == destination.Length)
        {
            return first;
        }

        if (!_table.TryPaOfVa(va + (ulong)first, out ulong pa2)
            || _memory.Read(pa2, destination.Slice(first)) != BindingStatus.Success)
        {
            return first;
        }

        return destination.Length;
    }
}
