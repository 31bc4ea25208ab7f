using System.Runtime.InteropServices;

namespace Minnow.Runtime.Collection;

/// <summary>
/// Machine code the collector needs (build/Minnow.Build/Stubs/Runtime/CollectorStubs.cs, and the
/// kernel's CPU stubs for the interrupt flag), bound statically like every "minnow" import.
/// </summary>
internal static unsafe class CollectorStubs
{
    private const ulong InterruptFlag = 1 << 9;

    /// <summary>
    /// Pushes the callee-saved registers, zeroes the stack below them, and calls
    /// <paramref name="callback"/>(stackLow) where stackLow is the rsp after the pushes: the lowest
    /// address whose words belong to frames other than the collector's.
    /// </summary>
    [DllImport("minnow", EntryPoint = "minnow_gc_call_with_registers_spilled"), SuppressGCTransition]
    public static extern void CallWithRegistersSpilled(nint callback);

    [DllImport("minnow", EntryPoint = "minnow_read_rflags"), SuppressGCTransition]
    private static extern ulong ReadFlags();

    [DllImport("minnow", EntryPoint = "minnow_disable_interrupts"), SuppressGCTransition]
    private static extern void DisableInterrupts();

    [DllImport("minnow", EntryPoint = "minnow_enable_interrupts"), SuppressGCTransition]
    private static extern void EnableInterrupts();

    /// <summary>Disables interrupts; returns whether they were enabled, for <see cref="RestoreInterrupts"/>.</summary>
    public static bool DisableInterruptsSaving()
    {
        bool enabled = (ReadFlags() & InterruptFlag) != 0;
        DisableInterrupts();
        return enabled;
    }

    public static void RestoreInterrupts(bool enabled)
    {
        if (enabled)
            EnableInterrupts();
    }
}
