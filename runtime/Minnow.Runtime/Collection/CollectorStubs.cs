using System.Runtime.InteropServices;

namespace Minnow.Runtime.Collection;

/// <summary>
/// Machine code the collector needs (build/Minnow.Build/Stubs/Runtime/CollectorStubs.cs), bound
/// statically like every "minnow" import.
/// </summary>
internal static unsafe class CollectorStubs
{
    /// <summary>
    /// Pushes the callee-saved registers, zeroes the stack below them, and calls
    /// <paramref name="callback"/>(stackLow) where stackLow is the rsp after the pushes: the lowest
    /// address whose words belong to frames other than the collector's.
    /// </summary>
    [DllImport("minnow", EntryPoint = "minnow_gc_call_with_registers_spilled"), SuppressGCTransition]
    public static extern void CallWithRegistersSpilled(nint callback);
}
