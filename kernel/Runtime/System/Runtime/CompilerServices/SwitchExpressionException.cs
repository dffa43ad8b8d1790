namespace System.Runtime.CompilerServices;

/// <summary>Thrown by a switch expression that matched no arm (every wire switch has a default arm instead).</summary>
public sealed class SwitchExpressionException : InvalidOperationException
{
    public SwitchExpressionException() : base("Non-exhaustive switch expression failed to match its input.") { }

    public SwitchExpressionException(object? unmatchedValue) : this() { }
}
