namespace Lvbs.Kernel.Heki;

/// <summary>Why an intercepted VTL0 action was refused (and #GP injected).</summary>
public enum RefusalReason
{
    /// <summary>The write would change a pinned bit of a locked register.</summary>
    PinnedBitsChanged = 1,
    /// <summary>LGDT/LIDT/LLDT/LTR after LOCK_REGS: always refused, as LVBS does (lvbs-abi.md §4).</summary>
    DescriptorTableLocked = 2,
    /// <summary>An intercept for a VP on which LOCK_REGS never ran: fail closed.</summary>
    NotLocked = 3,
    /// <summary>The intercept names a register this kernel does not pin.</summary>
    UnknownRegister = 4,
    /// <summary>The MSR index does not match the register the backend reported, or XSETBV named an XCR other than XCR0.</summary>
    MsrMismatch = 5,
    /// <summary>An allowed write could not be applied through the backend.</summary>
    ApplyFailed = 6,
    /// <summary>A guest-physical access the page protections deny (no emulation, lvbs-abi.md §4).</summary>
    MemoryAccessDenied = 7,
    /// <summary>An intercept kind this kernel does not know.</summary>
    UnknownIntercept = 8,
    /// <summary>The intercept names a VP outside the configured count.</summary>
    BadVp = 9,
}
