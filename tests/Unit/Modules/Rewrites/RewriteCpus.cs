using System;
using System.Collections.Generic;
using System.Linq;
using Lvbs.Hypervisor.Simulated.Vtl0.Modules;
using Lvbs.Kernel.Modules.Content.Rewrites;
using Lvbs.Tests.Unit.Modules.Content;

namespace Lvbs.Tests.Unit.Modules.Rewrites;

/// <summary>
/// Simulated CPUs and core-kernel states for the VTL0 finalize pass, and the locked core memory
/// (pv_ops slots, static-call trampolines) VTL1 would read for the same state.
/// </summary>
internal static class RewriteCpus
{
    /// <summary>X86_FEATURE_POPCNT (4*32+23), used by bfq's hweight alternatives.</summary>
    public const int Popcnt = (4 * 32) + 23;

    /// <summary>X86_FEATURE_XENPV (8*32+16): paravirt alternatives are ALT_NOT(XENPV).</summary>
    public const int XenPv = (8 * 32) + 16;

    /// <summary>The feature hv_balloon's static_cpu_has tests (16*32+16).</summary>
    public const int Word16Bit16 = (16 * 32) + 16;

    /// <summary>The pv op the rules see as <c>_paravirt_nop</c> in <see cref="Native"/>.</summary>
    public const int NopPvOp = 0x17;

    /// <summary>The core trampolines the 20 modules call.</summary>
    public static readonly string[] Trampolines =
    {
        "__SCT__preempt_schedule_notrace", "__SCT__might_resched", "__SCT__preempt_schedule", "__SCT__cond_resched",
        "__SCT__tp_func_xdp_exception", "__SCT__tp_func_block_rq_insert",
    };

    /// <summary>Every pv_ops slot (0..255) points at a native function, except <see cref="NopPvOp"/>.</summary>
    public static IReadOnlyDictionary<int, ulong> PvSlots { get; } = Enumerable.Range(0, 256)
        .ToDictionary(t => t, t => t == NopPvOp ? FakeKernel.Lookup("_paravirt_nop")!.Value : FakeKernel.Lookup("native_pv_op_" + t)!.Value);

    /// <summary>Trampoline → current function: tracepoints NULL (no probe), the others a core function.</summary>
    public static IReadOnlyDictionary<ulong, ulong> StaticCalls { get; } = Trampolines.ToDictionary(
        n => FakeKernel.Lookup(n)!.Value,
        n => n.StartsWith("__SCT__tp_func", StringComparison.Ordinal) ? 0UL : FakeKernel.Lookup("func" + n)!.Value);

    /// <summary>A retpoline CPU as Debian boots by default on older Intel: nothing but ftrace and return thunks left.</summary>
    public static LinuxModuleFinalizeOptions Retpoline { get; } = new();

    /// <summary>A native, eIBRS/SRSO CPU on one vCPU with every feature, core keys flipped and core static calls retargeted.</summary>
    public static LinuxModuleFinalizeOptions Native { get; } = new()
    {
        Features = new HashSet<int> { Popcnt, Word16Bit16 },
        Retpoline = LinuxRetpolineMode.Indirect,
        ReturnThunk = "srso_return_thunk",
        Uniprocessor = true,
        ParavirtSlots = PvSlots,
        ParavirtNop = FakeKernel.Lookup("_paravirt_nop")!.Value,
        JumpKeyFlipped = _ => true,
        CoreStaticCalls = StaticCalls,
    };

    /// <summary>A Xen PV-like CPU with lfence retpolines, no RETHUNK and ftrace disabled.</summary>
    public static LinuxModuleFinalizeOptions XenLfence { get; } = new()
    {
        Features = new HashSet<int> { XenPv, Popcnt },
        Retpoline = LinuxRetpolineMode.RetpolineLfence,
        ReturnThunk = null,
        FtraceNops = false,
        JumpKeyFlipped = key => (key & 0x10) != 0,
        ModuleStaticCalls = false,
    };

    /// <summary>The option sets by name (NUnit case sources).</summary>
    public static IEnumerable<string> Names => new[] { nameof(Retpoline), nameof(Native), nameof(XenLfence) };

    /// <summary>The option set named <paramref name="name"/>.</summary>
    public static LinuxModuleFinalizeOptions Get(string name) => name switch
    {
        nameof(Retpoline) => Retpoline,
        nameof(Native) => Native,
        nameof(XenLfence) => XenLfence,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}

/// <summary>Locked core memory as VTL1 would read it for <see cref="RewriteCpus.Native"/>: pv_ops slots and trampoline bytes.</summary>
internal sealed class FakeLockedMemory : ILockedKernelMemory
{
    private readonly Dictionary<ulong, byte[]> _bytes = new();

    /// <summary>Builds the view of <see cref="RewriteCpus.PvSlots"/> and <see cref="RewriteCpus.StaticCalls"/>.</summary>
    public FakeLockedMemory()
    {
        ulong pvOps = FakeKernel.Lookup("pv_ops")!.Value;
        foreach ((int type, ulong target) in RewriteCpus.PvSlots)
        {
            _bytes[pvOps + (8 * (ulong)type)] = BitConverter.GetBytes(target);
        }

        foreach ((ulong trampoline, ulong func) in RewriteCpus.StaticCalls)
        {
            var t = new byte[8];
            if (func == 0)
            {
                t[0] = 0xc3;
            }
            else
            {
                t[0] = 0xe9;
                BitConverter.GetBytes((int)(func - (trampoline + 5))).CopyTo(t, 1);
            }

            t[5] = 0x0f;
            t[6] = 0xb9;
            t[7] = 0xcc;
            _bytes[trampoline] = t;
        }
    }

    /// <inheritdoc/>
    public bool TryRead(ulong va, Span<byte> destination)
    {
        if (!_bytes.TryGetValue(va, out byte[]? b) || b.Length < destination.Length)
        {
            return false;
        }

        b.AsSpan(0, destination.Length).CopyTo(destination);
        return true;
    }
}
