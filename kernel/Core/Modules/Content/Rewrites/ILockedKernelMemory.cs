using System;

namespace Lvbs.Kernel.Modules.Content.Rewrites;

/// <summary>
/// Optional read access to core-kernel memory that VTL1 has made immutable for VTL0 (locked
/// kernel text, ro_after_init data). Two load-time rewrites put a core-kernel value into module
/// text: a static call to a core key becomes a direct call to what the key's <c>__SCT__</c>
/// trampoline jumps to, and a paravirt site becomes a direct call to its <c>pv_ops</c> slot.
/// Without this view the rules accept only the unpatched (indirect) forms of those sites.
/// </summary>
public interface ILockedKernelMemory
{
    /// <summary>Copies <paramref name="destination"/>.Length bytes at <paramref name="va"/>; false when any byte is not in locked core memory.</summary>
    bool TryRead(ulong va, Span<byte> destination);
}
