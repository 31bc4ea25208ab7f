using Minnow.Kernel;
using Minnow.Kernel.Console;

namespace Minnow.Runtime.Allocation;

/// <summary>
/// Where every allocation the managed heap cannot satisfy ends, after a full collection failed to
/// make room. Today it fails the image with a clear message (exit status 250); once exception
/// dispatch exists, this is the one place to throw OutOfMemoryException / OverflowException instead
/// (CoreLib's managed export RhExceptionHandling_FailedAllocation(MethodTable*, bool isOverflow)).
/// The heap is left consistent either way: nothing was half-allocated.
/// </summary>
internal static unsafe class AllocationFailure
{
    public static void OutOfMemory(void* methodTable, ulong size)
    {
        KernelLog.Write("allocation of ");
        KernelLog.WriteDecimal((long)size);
        KernelLog.WriteLine(" bytes failed: the managed heap is full even after a collection");
        Panic.Fail("out of memory (OutOfMemoryException needs exception dispatch)");
    }

    /// <summary>An array or string length that is negative or whose size overflows.</summary>
    public static void Overflow(void* methodTable, long length)
    {
        KernelLog.Write("array length ");
        KernelLog.WriteDecimal(length);
        KernelLog.WriteLine(" is negative or too large");
        Panic.Fail("arithmetic overflow in an array allocation (OverflowException needs exception dispatch)");
    }
}
