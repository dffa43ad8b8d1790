namespace System;

/// <summary>Base class of all value types.</summary>
public abstract class ValueType
{
}
