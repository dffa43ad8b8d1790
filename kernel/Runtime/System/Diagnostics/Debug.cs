namespace System.Diagnostics;

/// <summary>Debug-only checks. Compiled out of Release images, as in .NET.</summary>
public static class Debug
{
    [Conditional("DEBUG")]
    public static void Assert(bool condition)
    {
        if (!condition)
        {
            ThrowHelpers.ThrowInvalidOperationException("Debug.Assert failed.");
        }
    }

    [Conditional("DEBUG")]
    public static void Assert(bool condition, string message)
    {
        if (!condition)
        {
            ThrowHelpers.ThrowInvalidOperationException(message);
        }
    }
}

/// <summary>Makes calls to a method conditional on a compilation symbol.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true)]
public sealed class ConditionalAttribute : Attribute
{
    public ConditionalAttribute(string conditionString) { }
}

[AttributeUsage(AttributeTargets.All)]
public sealed class DebuggerHiddenAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.All)]
public sealed class DebuggerStepThroughAttribute : Attribute
{
}
