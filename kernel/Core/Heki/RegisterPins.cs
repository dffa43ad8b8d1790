using System;
using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki;

/// <summary>
/// The registers LOCK_REGS pins and the values saved per VP (lvbs-abi.md §4). Value registers,
/// saved before arming and compared on their pinned mask: CR0 (PE|WP|PG), CR4 (every bit
/// except those Linux toggles at run time, see <see cref="Cr4Mask"/>), and the MSRs EFER,
/// STAR, LSTAR, CSTAR, SFMASK (0xC0000084), APIC_BASE, SYSENTER_CS/ESP/EIP with an all-ones mask
/// (only rewriting the identical value is allowed, as LVBS does), and XCR0 with an all-ones
/// mask (beyond LVBS, which leaves it unpinned, lvbs-abi.md §4): see <see cref="Xcr0Mask"/>.
/// Descriptor-table registers (GDTR, IDTR, LDTR, TR) are intercepted but never saved: every
/// load after the lock is refused.
/// The tables are built per instance: the image has no static initialisers for object arrays.
/// </summary>
public sealed class RegisterPins
{
    /// <summary>CR0.PE | CR0.WP | CR0.PG = 0x80010001 (lvbs-abi.md §4).</summary>
    public const ulong Cr0Mask = InterceptConfiguration.LvbsCr0Mask;

    /// <summary>
    /// CR4 bits Linux changes after boot, left unpinned: TSD (bit 2, switch_to toggles it for
    /// PR_SET_TSC tasks), MCE (6, machine-check init/resume), PGE (7, global TLB flush), PCE (8,
    /// per-mm rdpmc), VMXE (13, KVM). LVBS leaves MCE/PGE/PCE/VMXE; TSD is added because pinning
    /// it makes VTL0 fault on a legitimate context switch and it guards no kernel integrity.
    /// </summary>
    public const ulong Cr4Unpinned = 0x4 | 0x40 | 0x80 | 0x100 | 0x2000;

    /// <summary>Pinned CR4 bits: everything else, including SMEP, SMAP, UMIP, PKE, FSGSBASE, PCIDE, OSXSAVE, LA57, CET.</summary>
    public const ulong Cr4Mask = ~Cr4Unpinned;

    /// <summary>
    /// XCR0 is pinned whole. Linux writes it once per CPU in fpu__init_cpu_xstate (and again
    /// with the same value on resume) and sizes every task's XSAVE buffer from it, so a later
    /// change is never legitimate: setting a bit (e.g. AVX-512 state) makes XSAVE write past the
    /// kernel's buffers, clearing one (e.g. PKRU, bit 9) drops state the kernel relies on.
    /// Cost: a KVM hypervisor running inside VTL0, which loads its guests' XCR0, is refused.
    /// </summary>
    public const ulong Xcr0Mask = ulong.MaxValue;

    /// <summary>Number of saved (value) registers: the 11 LVBS saves, plus XCR0.</summary>
    public const int SavedCount = 12;

    private readonly VpRegister[] _registers;
    private readonly ulong[] _masks;
    private readonly ulong[] _saved;
    private readonly bool[] _locked;

    /// <summary>Creates empty pins for <paramref name="vpCount"/> VPs.</summary>
    public RegisterPins(int vpCount)
    {
        if (vpCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(vpCount));
        }

        _registers = new VpRegister[SavedCount]
        {
            VpRegister.Cr0, VpRegister.Cr4, VpRegister.Efer, VpRegister.Star, VpRegister.Lstar, VpRegister.Cstar,
            VpRegister.Sfmask, VpRegister.ApicBase, VpRegister.SysenterCs, VpRegister.SysenterEsp, VpRegister.SysenterEip,
            VpRegister.Xcr0,
        };
        _masks = new ulong[SavedCount]
        {
            Cr0Mask, Cr4Mask, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue,
            ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue,
            Xcr0Mask,
        };
        _saved = new ulong[vpCount * SavedCount];
        _locked = new bool[vpCount];
    }

    /// <summary>The intercepts LOCK_REGS arms: the full LVBS set (CR0, CR4, GDTR, IDTR, LDTR, TR and the nine MSRs) plus XSETBV.</summary>
    public static InterceptSet Intercepts => InterceptSet.LvbsLockRegs | InterceptSet.Xcr0Write;

    /// <summary>Number of VPs.</summary>
    public int VpCount => _locked.Length;

    /// <summary>The saved register at <paramref name="index"/> (0..<see cref="SavedCount"/>-1).</summary>
    public VpRegister RegisterAt(int index) => _registers[index];

    /// <summary>Index of <paramref name="register"/> among the saved registers, -1 if it is not one.</summary>
    public int IndexOf(VpRegister register)
    {
        for (int i = 0; i < _registers.Length; i++)
        {
            if (_registers[i] == register)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Pinned mask of the saved register at <paramref name="index"/>.</summary>
    public ulong MaskAt(int index) => _masks[index];

    /// <summary>True once LOCK_REGS completed on <paramref name="vp"/> (which must be &lt; VpCount).</summary>
    public bool IsLocked(uint vp) => _locked[vp];

    /// <summary>Saved value of register <paramref name="index"/> on <paramref name="vp"/>.</summary>
    public ulong Saved(uint vp, int index) => _saved[((int)vp * SavedCount) + index];

    /// <summary>Stores a saved value (LOCK_REGS, or an allowed write that kept the pinned bits).</summary>
    public void SetSaved(uint vp, int index, ulong value) => _saved[((int)vp * SavedCount) + index] = value;

    /// <summary>Marks <paramref name="vp"/> locked; the lock is never released.</summary>
    public void MarkLocked(uint vp) => _locked[vp] = true;

    /// <summary>True when <paramref name="value"/> keeps every pinned bit of register <paramref name="index"/> on <paramref name="vp"/>.</summary>
    public bool KeepsPinnedBits(uint vp, int index, ulong value)
    {
        ulong mask = _masks[index];
        return (value & mask) == (Saved(vp, index) & mask);
    }
}
