namespace System;

/// <summary>A resource that must be released deterministically.</summary>
public interface IDisposable
{
    void Dispose();
}
