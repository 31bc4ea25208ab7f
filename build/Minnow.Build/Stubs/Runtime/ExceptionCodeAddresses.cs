using Minnow.Build.Elf;
using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Stubs.Runtime;

/// <summary>
/// Code addresses Minnow.Runtime's exception machinery must recognise, as tables it reads through
/// accessor stubs (C# cannot name a symbol's address). The order is a contract with
/// Minnow.Runtime's ExceptionHandling/ExceptionCodeAddresses.cs.
/// </summary>
public static class ExceptionCodeAddresses
{
    /// <summary>Return addresses that mark stub frames, and the hardware-exception entry.</summary>
    private static readonly string[] s_thunks =
    {
        ThrowStubs.ThrowReturnLabel, ThrowStubs.RethrowReturnLabel, ThrowStubs.HardwareThrowReturnLabel,
        FuncletCallStubs.CatchReturnLabel, FuncletCallStubs.FinallyReturnLabel, FuncletCallStubs.FilterReturnLabel,
        "RhpThrowHwEx",
    };

    /// <summary>
    /// Instructions in helper stubs that dereference a pointer compiled code passed unchecked: a
    /// fault there at a null address is the caller's NullReferenceException (what the stock runtime
    /// calls the helpers' AV locations). Each is the first instruction that touches memory, reached
    /// with nothing pushed, so the return address is at rsp.
    /// </summary>
    private static readonly string[] s_helperFaultLocations =
    {
        WriteBarrierStubs.AssignRefFaultLocation, WriteBarrierStubs.CheckedAssignRefFaultLocation,
        WriteBarrierStubs.ByRefAssignRefFaultLocation1, WriteBarrierStubs.ByRefAssignRefFaultLocation2,
        "RhpInitialDynamicInterfaceDispatch",
    };

    public static void Emit(StubObjectBuilder s)
    {
        EmitTable(s, "minnow_exception_thunk_addresses", s_thunks);
        EmitTable(s, "minnow_helper_fault_locations", s_helperFaultLocations);
    }

    private static void EmitTable(StubObjectBuilder s, string accessor, string[] symbols)
    {
        ulong table = s.Data.Align(8);
        s.Data.Append(BitConverter.GetBytes((ulong)symbols.Length));
        foreach (var symbol in symbols)
            s.Data.Relocate(s.Data.Reserve(8), symbol, ElfConstants.RelocAbs64, 0);
        string data = accessor + "_table";
        s.Data.Define(data, table, (ulong)(symbols.Length + 1) * 8, ElfConstants.SymbolObject);
        s.Function(accessor, a => { a.mov(rax, s.AddressOf(data)); a.ret(); });
    }
}
