using System.Runtime.InteropServices;

namespace Minnow.Runtime.Modules;

/// <summary>
/// What a TypeManagerHandle points at. CoreLib reads the first field (the OS module) directly;
/// the rest is the runtime's own (the stock runtime keeps the same first two fields).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TypeManager
{
    public nint OsModule;
    public byte* Header;
    public nint* ClasslibFunctions;
    public int ClasslibFunctionCount;
}
