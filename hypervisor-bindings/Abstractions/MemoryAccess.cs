namespace Lvbs.Hypervisor.Abstractions;

/// <summary>The kind of a lower-VTL memory access (checked against <see cref="VtlPermissions"/>).</summary>
public enum MemoryAccess
{
    /// <summary>Data read.</summary>
    Read = 0,
    /// <summary>Data write.</summary>
    Write = 1,
    /// <summary>Instruction fetch at CPL 3.</summary>
    UserExecute = 2,
    /// <summary>Instruction fetch at CPL 0.</summary>
    KernelExecute = 3,
}
