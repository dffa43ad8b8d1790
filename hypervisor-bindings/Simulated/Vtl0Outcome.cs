namespace Lvbs.Hypervisor.Simulated;

/// <summary>What happened to a simulated VTL0 instruction.</summary>
public enum Vtl0Outcome
{
    /// <summary>The instruction completed (possibly after VTL1 emulated it).</summary>
    Completed = 0,
    /// <summary>The instruction did not complete; VTL0 took the exception in <see cref="Vtl0Processor.LastException"/>.</summary>
    Faulted = 1,
}
