using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Minnow.Runtime.Allocation;

/// <summary>
/// Where every allocation the managed heap cannot satisfy ends (after a full collection failed to
/// make room): CoreLib's RhExceptionHandling_FailedAllocation throws OutOfMemoryException, or
/// OverflowException for a negative array length. The heap is consistent when it is called: nothing
/// was half-allocated, and interrupts are back on.
/// </summary>
internal static unsafe class AllocationFailure
{
    /// <summary>How many allocations have failed for lack of memory (a fail-fast report says so).</summary>
    public static int OutOfMemoryCount { get; private set; }

    [StackTraceHidden]
    public static void OutOfMemory(void* methodTable)
    {
        OutOfMemoryCount++;
        FailedAllocation(methodTable, isOverflow: 0);
    }

    [StackTraceHidden]
    public static void Overflow(void* methodTable) => FailedAllocation(methodTable, isOverflow: 1);

    /// <summary>Throws the class library's OverflowException or OutOfMemoryException; never returns.</summary>
    [DllImport("minnow", EntryPoint = "RhExceptionHandling_FailedAllocation"), SuppressGCTransition]
    private static extern void FailedAllocation(void* methodTable, byte isOverflow);
}
