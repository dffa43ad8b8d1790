namespace System.Collections;

/// <summary>A sequence that can be enumerated (kept for the compiler's foreach lowering).</summary>
public interface IEnumerable
{
    IEnumerator GetEnumerator();
}

/// <summary>An enumerator over a sequence.</summary>
public interface IEnumerator
{
    object? Current { get; }

    bool MoveNext();

    void Reset();
}
