using Minnow.Build.Elf;
using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Stubs.Runtime;

/// <summary>
/// The table of CoreLib callbacks the runtime hands to InitializeModules (12 entries, in the order
/// the stock 10.0.12 bootstrapper uses; see shared/notes/exception-dispatch.md). Each named entry
/// is an unmanaged entry point CoreLib exports.
/// </summary>
public static class ClasslibFunctionTable
{
    public const int Count = 12;

    private static readonly string?[] s_entries =
    {
        "GetRuntimeException", "RuntimeFailFast", "ThreadEntryPoint", "AppendExceptionStackFrame", null,
        "GetSystemArrayEEType", "OnFirstChanceException", "OnUnhandledException", null, null, null, null,
    };

    public static void Emit(StubObjectBuilder s)
    {
        ulong table = s.Data.Align(8);
        foreach (var entry in s_entries)
        {
            ulong at = s.Data.Reserve(8);
            if (entry is not null)
                s.Data.Relocate(at, entry, ElfConstants.RelocAbs64, 0);
        }
        s.Data.Define("minnow_classlib_functions", table, Count * 8, ElfConstants.SymbolObject);
        s.Function("minnow_classlib_function_table", a => { a.mov(rax, s.AddressOf("minnow_classlib_functions")); a.ret(); });
    }
}
