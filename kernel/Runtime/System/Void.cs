namespace System;

/// <summary>The void type.</summary>
public struct Void
{
}
