namespace Lvbs.Hypervisor.Abstractions;

/// <summary>What <see cref="IRegisterIntercepts.ArmIntercepts"/> arms on one VP.</summary>
public struct InterceptConfiguration
{
    /// <summary>Which writes trap.</summary>
    public InterceptSet Set;
    /// <summary>CR0 bits whose change traps (with <see cref="InterceptSet.Cr0Write"/>).</summary>
    public ulong Cr0Mask;
    /// <summary>CR4 bits whose change traps (with <see cref="InterceptSet.Cr4Write"/>).</summary>
    public ulong Cr4Mask;

    /// <summary>LVBS's CR0 mask PE|WP|PG = 0x80010001 (lvbs-abi.md §4).</summary>
    public const ulong LvbsCr0Mask = 0x8001_0001;

    /// <summary>LVBS's CR4 mask: all bits except MCE, PGE, PCE, VMXE, i.e. ~0x21C0 (lvbs-abi.md §4).</summary>
    public const ulong LvbsCr4Mask = ~0x21C0UL;
}
