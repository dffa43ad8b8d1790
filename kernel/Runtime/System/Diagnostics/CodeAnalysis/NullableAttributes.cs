using System;

namespace System.Diagnostics.CodeAnalysis;

// Nullable-analysis attributes the compiler reads.

[AttributeUsage(AttributeTargets.All)]
public sealed class AllowNullAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.All)]
public sealed class DisallowNullAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.All)]
public sealed class MaybeNullAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.All)]
public sealed class NotNullAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class MaybeNullWhenAttribute : Attribute
{
    public MaybeNullWhenAttribute(bool returnValue) { }
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class NotNullWhenAttribute : Attribute
{
    public NotNullWhenAttribute(bool returnValue) { }
}

[AttributeUsage(AttributeTargets.All)]
public sealed class NotNullIfNotNullAttribute : Attribute
{
    public NotNullIfNotNullAttribute(string parameterName) { }
}

[AttributeUsage(AttributeTargets.Method)]
public sealed class DoesNotReturnAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class DoesNotReturnIfAttribute : Attribute
{
    public DoesNotReturnIfAttribute(bool parameterValue) { }
}

[AttributeUsage(AttributeTargets.All)]
public sealed class MemberNotNullAttribute : Attribute
{
    public MemberNotNullAttribute(params string[] members) { }
}

[AttributeUsage(AttributeTargets.All)]
public sealed class MemberNotNullWhenAttribute : Attribute
{
    public MemberNotNullWhenAttribute(bool returnValue, params string[] members) { }
}

[AttributeUsage(AttributeTargets.All)]
public sealed class UnscopedRefAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.All)]
public sealed class SetsRequiredMembersAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.All)]
public sealed class ExcludeFromCodeCoverageAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.All)]
public sealed class SuppressMessageAttribute : Attribute
{
    public SuppressMessageAttribute(string category, string checkId) { }
    public string? Justification { get; set; }
}

[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ConstantExpectedAttribute : Attribute
{
    public object? Min { get; set; }
    public object? Max { get; set; }
}
