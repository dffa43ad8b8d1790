namespace Lvbs.Kernel.Modules.Content.Rewrites;

/// <summary>
/// The kinds of load-time rewrite site, numbered in the order Linux 6.1 applies them: x86
/// <c>module_finalize</c> runs paravirt, retpolines, return thunks, alternatives and SMP lock
/// prefixes in that order; <c>ftrace_module_init</c> follows, and the MODULE_STATE_COMING
/// notifiers (jump labels, static calls) come last. The last kinds are not code sites but
/// tables Linux sorts in place at load; each is a window of its own. Where sites overlap, the later kind sees
/// the earlier kind's result, so the order is part of the rule.
/// </summary>
internal enum RewriteSiteKind
{
    /// <summary><c>.parainstructions</c> (apply_paravirt).</summary>
    Paravirt = 0,

    /// <summary><c>.retpoline_sites</c> (apply_retpolines).</summary>
    Retpoline = 1,

    /// <summary><c>.return_sites</c> (apply_returns).</summary>
    ReturnThunk = 2,

    /// <summary><c>.altinstructions</c> (apply_alternatives, one entry per site and table order).</summary>
    Alternative = 3,

    /// <summary><c>.smp_locks</c> (alternatives_smp_module_add on a uniprocessor boot).</summary>
    SmpLock = 4,

    /// <summary><c>__mcount_loc</c> (ftrace_module_init: <c>call __fentry__</c> → NOP5).</summary>
    Ftrace = 5,

    /// <summary><c>__jump_table</c> (jump_label_add_module).</summary>
    JumpLabel = 6,

    /// <summary><c>.static_call_sites</c> (static_call_add_module).</summary>
    StaticCall = 7,

    /// <summary>The <c>__mcount_loc</c> table itself, which ftrace_process_locs sorts in place.</summary>
    McountTable = 8,

    /// <summary>The <c>.orc_unwind_ip</c> table, which unwind_module_init sorts in place.</summary>
    OrcIpTable = 9,

    /// <summary>The <c>.orc_unwind</c> table, permuted along with <c>.orc_unwind_ip</c>.</summary>
    OrcTable = 10,

    /// <summary>The <c>__ex_table</c> table, which post_relocation's sort_extable sorts in place.</summary>
    ExceptionTable = 11,
}
