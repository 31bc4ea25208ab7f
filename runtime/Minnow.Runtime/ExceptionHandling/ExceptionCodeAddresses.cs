using System.Runtime.InteropServices;
using Minnow.Kernel;

namespace Minnow.Runtime.ExceptionHandling;

/// <summary>
/// Addresses inside the exception stubs (build/Minnow.Build/Stubs/Runtime/ExceptionCodeAddresses.cs
/// defines the tables and their order): the return addresses that identify throw-site and funclet-call
/// frames during a stack walk, the hardware-exception entry, and the helper instructions whose null
/// faults belong to their caller.
/// </summary>
internal static unsafe class ExceptionCodeAddresses
{
    private const int ThunkCount = 7;
    private const int HelperFaultLocationCount = 5;

    public enum ReturnSite : byte
    {
        /// <summary>Not a stub: managed code, or nothing the walker knows.</summary>
        None,
        ThrowSite,
        CatchFuncletCall,
        FinallyFuncletCall,
        FilterFuncletCall,
    }

    [DllImport("minnow", EntryPoint = "minnow_exception_thunk_addresses"), SuppressGCTransition]
    private static extern ulong* ThunkTable();

    [DllImport("minnow", EntryPoint = "minnow_helper_fault_locations"), SuppressGCTransition]
    private static extern ulong* HelperFaultLocationTable();

    public static ReturnSite Classify(ulong returnAddress)
    {
        ulong* thunks = Thunks();
        for (int i = 0; i < 3; i++)
        {
            if (thunks[i] == returnAddress)
                return ReturnSite.ThrowSite;
        }
        if (thunks[3] == returnAddress)
            return ReturnSite.CatchFuncletCall;
        if (thunks[4] == returnAddress)
            return ReturnSite.FinallyFuncletCall;
        if (thunks[5] == returnAddress)
            return ReturnSite.FilterFuncletCall;
        return ReturnSite.None;
    }

    /// <summary>RhpThrowHwEx, where a CPU fault in managed code continues.</summary>
    public static ulong HardwareExceptionEntry => Thunks()[6];

    /// <summary>Whether <paramref name="address"/> is a helper instruction that dereferences a caller's pointer unchecked.</summary>
    public static bool IsHelperFaultLocation(ulong address)
    {
        ulong* table = HelperFaultLocationTable();
        if (table[0] != HelperFaultLocationCount)
            Panic.Fail("exception stubs: the helper fault-location table does not match the runtime");
        for (int i = 1; i <= HelperFaultLocationCount; i++)
        {
            if (table[i] == address)
                return true;
        }
        return false;
    }

    private static ulong* Thunks()
    {
        ulong* table = ThunkTable();
        if (table[0] != ThunkCount)
            Panic.Fail("exception stubs: the thunk address table does not match the runtime");
        return table + 1;
    }
}
