using System;

namespace System.Runtime.CompilerServices;

// Attributes the C# compiler emits or recognises.

[AttributeUsage(AttributeTargets.All)]
public sealed class IntrinsicAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.All)]
public sealed class IsReadOnlyAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.All)]
public sealed class IsByRefLikeAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.All)]
public sealed class IsUnmanagedAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.All)]
public sealed class IsExternalInit : Attribute
{
}

[AttributeUsage(AttributeTargets.All)]
public sealed class RequiresLocationAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.All)]
public sealed class ScopedRefAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.Module)]
public sealed class RefSafetyRulesAttribute : Attribute
{
    public RefSafetyRulesAttribute(int version) { Version = version; }
    public int Version { get; }
}

[AttributeUsage(AttributeTargets.All)]
public sealed class NullableAttribute : Attribute
{
    public NullableAttribute(byte value) { }
    public NullableAttribute(byte[] value) { }
}

[AttributeUsage(AttributeTargets.All)]
public sealed class NullableContextAttribute : Attribute
{
    public NullableContextAttribute(byte value) { }
}

[AttributeUsage(AttributeTargets.All)]
public sealed class NullablePublicOnlyAttribute : Attribute
{
    public NullablePublicOnlyAttribute(bool value) { }
}

[AttributeUsage(AttributeTargets.All)]
public sealed class CompilerGeneratedAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.All)]
public sealed class ExtensionAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.Field)]
public sealed class FixedBufferAttribute : Attribute
{
    public FixedBufferAttribute(Type elementType, int length) { }
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class IndexerNameAttribute : Attribute
{
    public IndexerNameAttribute(string indexerName) { }
}

[AttributeUsage(AttributeTargets.Assembly)]
public sealed class InternalsVisibleToAttribute : Attribute
{
    public InternalsVisibleToAttribute(string assemblyName) { }
}

[AttributeUsage(AttributeTargets.All)]
public sealed class SkipLocalsInitAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class CallerMemberNameAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class CallerFilePathAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class CallerLineNumberAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class CallerArgumentExpressionAttribute : Attribute
{
    public CallerArgumentExpressionAttribute(string parameterName) { }
}

[AttributeUsage(AttributeTargets.Struct)]
public sealed class InlineArrayAttribute : Attribute
{
    public InlineArrayAttribute(int length) { Length = length; }
    public int Length { get; }
}

[AttributeUsage(AttributeTargets.Class)]
public sealed class EagerStaticClassConstructionAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.Method)]
public sealed class ModuleInitializerAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.All)]
public sealed class CompilerFeatureRequiredAttribute : Attribute
{
    public CompilerFeatureRequiredAttribute(string featureName) { }
    public bool IsOptional { get; set; }
}

[AttributeUsage(AttributeTargets.All)]
public sealed class IsVolatile : Attribute
{
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ParamCollectionAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.All)]
public sealed class OverloadResolutionPriorityAttribute : Attribute
{
    public OverloadResolutionPriorityAttribute(int priority) { }
}
