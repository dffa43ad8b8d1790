using System.Runtime;
using Lvbs.Runtime;

namespace Internal.Runtime;

/// <summary>
/// Transition helpers the compiler references. The kernel has one stop-the-world collector that
/// only runs inside allocation, so every GC transition is a no-op.
/// </summary>
internal static class RuntimeStubs
{
    [RuntimeExport("RhpReversePInvoke")]
    private static void ReversePInvoke(nint frame) { }

    [RuntimeExport("RhpReversePInvokeReturn")]
    private static void ReversePInvokeReturn(nint frame) { }

    [RuntimeExport("RhpPInvoke")]
    private static void PInvoke(nint frame) { }

    [RuntimeExport("RhpPInvokeReturn")]
    private static void PInvokeReturn(nint frame) { }

    [RuntimeExport("RhpGcPoll")]
    private static void GcPoll() { }

    [RuntimeExport("RhpFallbackFailFast")]
    private static void FallbackFailFast() => Panic.Stop("fail-fast requested by the compiler");
}
