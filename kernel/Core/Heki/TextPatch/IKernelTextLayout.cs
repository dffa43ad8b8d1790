using System;

namespace Lvbs.Kernel.Heki.TextPatch;

/// <summary>
/// What VTL1 knows about the core kernel image, from data it holds (the ranges PROTECT_MEMORY
/// sealed and the kernel data LOAD_KDATA sent), never from a list VTL0 computed: which VAs are
/// kernel text, which text is init text, which VAs are kernel data, and the sealed text bytes.
/// </summary>
public interface IKernelTextLayout
{
    /// <summary>True when <paramref name="va"/> is core-kernel executable text (any text section, init included).</summary>
    bool IsText(ulong va);

    /// <summary>True when <paramref name="va"/> is in <c>.init.text</c> (freed at the end of boot).</summary>
    bool IsInitText(ulong va);

    /// <summary>True when <paramref name="va"/> is core-kernel non-executable image memory (rodata, data, bss).</summary>
    bool IsData(ulong va);

    /// <summary>Reads sealed kernel text at <paramref name="va"/>; false when any byte is not sealed text.</summary>
    bool TryReadText(ulong va, Span<byte> destination);
}
