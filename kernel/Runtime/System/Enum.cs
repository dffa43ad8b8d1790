namespace System;

/// <summary>Base class of all enums. No formatting or parsing: the kernel prints numbers.</summary>
public abstract class Enum : ValueType
{
}
