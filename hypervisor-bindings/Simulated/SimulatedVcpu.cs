using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Hypervisor.Simulated;

/// <summary>
/// One simulated VP: the VTL0 register file (GPRs, CR0/CR4/EFER, MSRs, descriptor tables),
/// the intercepts VTL1 armed on it, VTL1's start state, and a pending-exception slot.
/// </summary>
public sealed class SimulatedVcpu
{
    private readonly ulong[] _vtl0 = new ulong[VpRegisters.Count];

    internal SimulatedVcpu(uint index)
    {
        Index = index;
        // A 64-bit Linux kernel's usual state: PE|MP|ET|NE|WP|AM|PG, PAE|PGE|OSFXSR|SMEP|SMAP,
        // LME|LMA|NXE|SCE, so tests pinning WP/SMEP see realistic values.
        _vtl0[(int)VpRegister.Cr0] = 0x8005_0033;
        _vtl0[(int)VpRegister.Cr4] = 0x0030_06A0;
        _vtl0[(int)VpRegister.Efer] = 0xD01;
        _vtl0[(int)VpRegister.Rflags] = 0x2;
        // x87 | SSE | AVX, what Linux sets on an AVX machine without AVX-512.
        _vtl0[(int)VpRegister.Xcr0] = 0x7;
    }

    /// <summary>VP index.</summary>
    public uint Index { get; }

    /// <summary>VTL the VP currently runs (0 or 1).</summary>
    public int ActiveVtl { get; internal set; }

    /// <summary>Whether VTL1 was enabled on this VP (by StartVp).</summary>
    public bool Vtl1Enabled { get; internal set; }

    /// <summary>The start state VTL1 was given.</summary>
    public InitialVpContext Vtl1Context { get; internal set; }

    /// <summary>Intercepts armed by VTL1 on this VP.</summary>
    public InterceptConfiguration Intercepts { get; internal set; }

    /// <summary>Exception queued for VTL0, delivered on the next VTL0 step.</summary>
    public ExceptionEvent? PendingException { get; internal set; }

    /// <summary>VTL0 register value.</summary>
    public ulong Get(VpRegister register) => _vtl0[(int)register];

    internal void Set(VpRegister register, ulong value) => _vtl0[(int)register] = value;

    internal void AdvanceRip(byte length) => _vtl0[(int)VpRegister.Rip] += length;
}
