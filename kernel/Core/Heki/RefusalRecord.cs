using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Kernel.Heki;

/// <summary>One refused VTL0 action, as kept in the <see cref="RefusalLog"/>.</summary>
public struct RefusalRecord
{
    /// <summary>Position in the stream of all refusals since boot, from 0.</summary>
    public ulong Sequence;
    /// <summary>Why it was refused.</summary>
    public RefusalReason Reason;
    /// <summary>VP that trapped.</summary>
    public uint Vp;
    /// <summary>What trapped.</summary>
    public InterceptKind Kind;
    /// <summary>Target register (register, MSR and descriptor writes).</summary>
    public VpRegister Register;
    /// <summary>MSR index (MSR writes).</summary>
    public uint Msr;
    /// <summary>The value VTL0 tried to write.</summary>
    public ulong AttemptedValue;
    /// <summary>The value pinned by LOCK_REGS (0 when none).</summary>
    public ulong PinnedValue;
    /// <summary>The mask of pinned bits compared (0 when none).</summary>
    public ulong PinnedMask;
    /// <summary>VTL0 RIP of the trapping instruction.</summary>
    public ulong Rip;
    /// <summary>Faulting GPA (memory intercepts).</summary>
    public ulong Gpa;
    /// <summary>Access kind (memory intercepts).</summary>
    public MemoryAccess Access;
}
