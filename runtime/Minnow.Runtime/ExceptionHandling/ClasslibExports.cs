using System.Runtime;
using Minnow.Runtime.Modules;

namespace Minnow.Runtime.ExceptionHandling;

/// <summary>
/// Which class library's callbacks (exception objects, fail-fast, stack-trace recording, unhandled
/// exception reporting) apply to a code address or a type. An image has one module and one class
/// library, the stock CoreLib, so every address and type maps to the table InitializeModules registered
/// (build/Minnow.Build/Stubs/Runtime/ClasslibFunctionTable.cs).
/// </summary>
internal static unsafe class ClasslibExports
{
    [RuntimeExport("RhpGetClasslibFunctionFromCodeAddress")]
    private static nint FromCodeAddress(nint address, int id) => Function(id);

    [RuntimeExport("RhpGetClasslibFunctionFromEEType")]
    private static nint FromMethodTable(nint methodTable, int id) => Function(id);

    // Thread.Abort does not exist in .NET; Minnow never raises the thread-abort hardware code (0x43), so no
    // thread ever holds an abort exception.
    [RuntimeExport("RhpGetThreadAbortException")]
    private static object? GetThreadAbortException() => null;

    private static nint Function(int id)
    {
        TypeManager* module = ModuleExports.TypeManagerAt(0);
        if (module == null || id < 0 || id >= module->ClasslibFunctionCount)
            return 0;
        return module->ClasslibFunctions[id];
    }
}
