namespace System.Runtime;

/// <summary>
/// Marks a method that ilc exports under the given symbol with the managed calling convention and no
/// reverse-P/Invoke frame: how the runtime's helpers are reached from compiled code and from stubs.
/// ilc recognises the attribute by its name and namespace, so each Minnow assembly may declare it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RuntimeExportAttribute(string entry) : Attribute
{
    public string Entry { get; } = entry;
}
