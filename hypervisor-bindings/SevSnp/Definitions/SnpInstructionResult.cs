namespace Lvbs.Hypervisor.SevSnp.Definitions;

/// <summary>RAX results of RMPADJUST / PVALIDATE (COCONUT-SVSM sev/utils.rs; hypervisor-backends.md §1.2). Open set.</summary>
public enum SnpInstructionResult : ulong
{
    /// <summary>Done.</summary>
    Success = 0,
    /// <summary>FAIL_INPUT.</summary>
    FailInput = 1,
    /// <summary>FAIL_PERMISSION.</summary>
    FailPermission = 2,
    /// <summary>FAIL_SIZEMISMATCH (RMP entry is a different page size).</summary>
    FailSizeMismatch = 6,
}
