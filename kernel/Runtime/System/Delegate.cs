using System.Runtime.CompilerServices;

namespace System;

/// <summary>
/// Base class of delegates. The field names and Initialize* methods are the compiler's contract
/// (ILCompiler builds delegate construction out of them); only closed single-cast delegates and
/// open static delegates are supported, which is all C# lambdas need.
/// </summary>
public abstract class Delegate
{
    // The object the delegate is bound to (or the delegate itself for static methods).
    internal object? _firstParameter;
    // Unused here: would hold the helper for open-instance and multicast delegates.
    internal object? _helperObject;
    internal nint _extraFunctionPointerOrData;
    internal nint _functionPointer;

    // Instance method: `_firstParameter` is `this` for the target.
    private void InitializeClosedInstance(object firstParameter, nint functionPointer)
    {
        if (firstParameter is null)
        {
            ThrowHelpers.ThrowNullReferenceException();
        }
        _functionPointer = functionPointer;
        _firstParameter = firstParameter;
    }

    private void InitializeClosedInstanceSlow(object firstParameter, nint functionPointer)
    {
        InitializeClosedInstance(firstParameter, functionPointer);
    }

    private void InitializeClosedInstanceWithGVMResolution(object firstParameter, nint tokenOfGenericVirtualMethod)
    {
        ThrowHelpers.ThrowNotSupportedException("generic virtual method delegates");
    }

    private void InitializeClosedInstanceToInterface(object firstParameter, nint dispatchCell)
    {
        ThrowHelpers.ThrowNotSupportedException("interface method delegates");
    }

    // Static method: the invoke thunk calls `_extraFunctionPointerOrData` and drops `this`.
    private void InitializeOpenStaticThunk(object firstParameter, nint functionPointer, nint functionPointerThunk)
    {
        _firstParameter = this;
        _functionPointer = functionPointerThunk;
        _extraFunctionPointerOrData = functionPointer;
    }

    private void InitializeOpenInstanceThunkDynamic(nint functionPointer, nint functionPointerThunk)
    {
        _firstParameter = this;
        _functionPointer = functionPointerThunk;
        _extraFunctionPointerOrData = functionPointer;
    }

    private void InitializeReversePInvokeThunk(object firstParameter, nint functionPointer, nint functionPointerThunk)
    {
        ThrowHelpers.ThrowNotSupportedException("reverse P/Invoke delegates");
    }

    internal nint GetThunk(int whichThunk) => 0;

    public static bool operator ==(Delegate? d1, Delegate? d2) => ReferenceEquals(d1, d2);

    public static bool operator !=(Delegate? d1, Delegate? d2) => !ReferenceEquals(d1, d2);

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => base.GetHashCode();
}

/// <summary>Base class of all delegate types declared in C#.</summary>
public abstract class MulticastDelegate : Delegate
{
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => base.GetHashCode();
}
