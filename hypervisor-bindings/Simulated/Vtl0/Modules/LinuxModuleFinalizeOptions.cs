using System;
using System.Collections.Generic;

namespace Lvbs.Hypervisor.Simulated.Vtl0.Modules;

/// <summary>How <c>apply_retpolines</c> treats indirect-thunk calls (the spectre_v2 mode Linux chose).</summary>
public enum LinuxRetpolineMode
{
    /// <summary>X86_FEATURE_RETPOLINE: the thunk calls stay.</summary>
    Retpoline,

    /// <summary>X86_FEATURE_RETPOLINE_LFENCE: <c>lfence; call *%reg</c> where it fits.</summary>
    RetpolineLfence,

    /// <summary>No retpoline (eIBRS, spectre_v2=off): <c>call *%reg</c> padded with NOPs.</summary>
    Indirect,
}

/// <summary>
/// The simulated boot CPU and core-kernel state that decide how Linux 6.1 rewrites a module at
/// load (module_finalize, ftrace_module_init, jump_label_add_module, static_call_add_module).
/// </summary>
public sealed class LinuxModuleFinalizeOptions
{
    /// <summary>X86_FEATURE_ALWAYS (word 3, bit 21), which every CPU has.</summary>
    public const int FeatureAlways = (3 * 32) + 21;

    /// <summary>X86_FEATURE_* numbers (word * 32 + bit) the boot CPU has; <see cref="FeatureAlways"/> is implied.</summary>
    public IReadOnlySet<int> Features { get; init; } = new HashSet<int>();

    /// <summary>The spectre_v2 mode.</summary>
    public LinuxRetpolineMode Retpoline { get; init; } = LinuxRetpolineMode.Retpoline;

    /// <summary><c>x86_return_thunk</c> by name when X86_FEATURE_RETHUNK is set (null: no RETHUNK, returns become <c>ret; int3</c>).</summary>
    public string? ReturnThunk { get; init; } = "__x86_return_thunk";

    /// <summary>Booted with one CPU: <c>lock</c> prefixes in core text become DS overrides.</summary>
    public bool Uniprocessor { get; init; }

    /// <summary>ftrace_module_init turns <c>call __fentry__</c> into NOP5 (false: ftrace disabled).</summary>
    public bool FtraceNops { get; init; } = true;

    /// <summary>pv_ops slot contents by op index (0 = NULL, patched to call <c>paravirt_BUG</c>); null leaves paravirt sites unpatched.</summary>
    public IReadOnlyDictionary<int, ulong>? ParavirtSlots { get; init; }

    /// <summary>Address of <c>_paravirt_nop</c> (a slot holding it is patched to NOPs).</summary>
    public ulong ParavirtNop { get; init; }

    /// <summary>True for a core static key whose state differs from its initial one (its module jump sites flip).</summary>
    public Func<ulong, bool>? JumpKeyFlipped { get; init; }

    /// <summary>Core static-call trampolines and the function each currently jumps to (0 = NULL); sites calling one are retargeted.</summary>
    public IReadOnlyDictionary<ulong, ulong>? CoreStaticCalls { get; init; }

    /// <summary>Sites of keys the module defines are retargeted to the key's function (static_call_add_module always does this).</summary>
    public bool ModuleStaticCalls { get; init; } = true;
}
