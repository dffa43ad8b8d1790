namespace System.Runtime;

/// <summary>Exports a method under a fixed symbol name (ILCompiler contract).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RuntimeExportAttribute : Attribute
{
    public RuntimeExportAttribute(string entry) { EntryPoint = entry; }

    public string EntryPoint { get; }
}

/// <summary>Binds a method to a symbol implemented outside managed code (the boot stub).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RuntimeImportAttribute : Attribute
{
    public RuntimeImportAttribute(string entry) { EntryPoint = entry; }

    public RuntimeImportAttribute(string dllName, string entry) { EntryPoint = entry; DllName = dllName; }

    public string EntryPoint { get; }

    public string? DllName { get; }
}
