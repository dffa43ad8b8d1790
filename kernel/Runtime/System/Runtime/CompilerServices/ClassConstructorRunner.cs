namespace System.Runtime.CompilerServices;

/// <summary>
/// Lazy static constructors (ILCompiler contract). The context's first field holds the cctor's
/// address until it has run; the kernel is single-core while cctors run, so no locking.
/// </summary>
internal static unsafe class ClassConstructorRunner
{
    private static object CheckStaticClassConstructionReturnGCStaticBase(StaticClassConstructionContext* context, object gcStaticBase)
    {
        EnsureClassConstructorRun(context);
        return gcStaticBase;
    }

    private static nint CheckStaticClassConstructionReturnNonGCStaticBase(StaticClassConstructionContext* context, nint nonGcStaticBase)
    {
        EnsureClassConstructorRun(context);
        return nonGcStaticBase;
    }

    private static object CheckStaticClassConstructionReturnThreadStaticBase(nint typeManagerSlot, int typeTlsIndex, StaticClassConstructionContext* context)
    {
        ThrowHelpers.ThrowNotSupportedException("[ThreadStatic] is not supported in the kernel");
        return null!;
    }

    private static void EnsureClassConstructorRun(StaticClassConstructionContext* context)
    {
        nint cctor = context->cctorMethodAddress;
        if (cctor == 0)
        {
            return;
        }
        // Clear first: a cctor that (indirectly) touches its own statics must not run twice.
        context->cctorMethodAddress = 0;
        ((delegate*<void>)cctor)();
    }
}

/// <summary>Per-type cctor state emitted by the compiler in front of the non-GC static base.</summary>
public struct StaticClassConstructionContext
{
    public nint cctorMethodAddress;
}
