namespace Lvbs.Hypervisor.KvmPlanes.Definitions;

/// <summary>
/// KVM memory attributes. Only PRIVATE is upstream; NR/NW/NX were proposed in "[PATCH 15/18]
/// KVM: Introduce RWX memory attributes" (2024-06-09) and never merged (hypervisor-backends.md
/// §1.4). There is no user/kernel execute split in any proposal.
/// </summary>
public static class KvmMemoryAttributes
{
    /// <summary>Proposed: no read.</summary>
    public const ulong ProposedNoRead = 1UL << 0;
    /// <summary>Proposed: no write.</summary>
    public const ulong ProposedNoWrite = 1UL << 1;
    /// <summary>Proposed: no execute.</summary>
    public const ulong ProposedNoExecute = 1UL << 2;
    /// <summary>KVM_MEMORY_ATTRIBUTE_PRIVATE.</summary>
    public const ulong Private = 1UL << 3;
}
