namespace System.Reflection;

/// <summary>Names a type's default member; the compiler emits it for indexers.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface)]
public sealed class DefaultMemberAttribute : Attribute
{
    public DefaultMemberAttribute(string memberName) { MemberName = memberName; }

    public string MemberName { get; }
}
