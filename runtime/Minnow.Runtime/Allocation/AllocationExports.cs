using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Minnow.Runtime.Allocation;

/// <summary>
/// The allocation helpers ilc's code calls for newobj, newarr and string allocation. As in the stock
/// runtime they never return null: a negative array length raises OverflowException, a length beyond
/// .NET's limits or an exhausted heap OutOfMemoryException, both through CoreLib's
/// RhExceptionHandling_FailedAllocation (the helpers are hidden from stack traces, so the exception
/// appears to come from the allocating method, as with the stock helpers' tail calls).
/// </summary>
internal static unsafe class AllocationExports
{
    // Array.MaxLength and string's limit (CoreLib's MAX_STRING_LENGTH): longer requests are out of memory.
    private const ulong MaxArrayLength = 0x7FFF_FFC7;
    private const ulong MaxStringLength = 0x3FFF_FFDF;

    [RuntimeExport("RhpNewFast"), StackTraceHidden]
    private static void* NewFast(void* methodTable) => NewObject(methodTable);

    // Finalization is not run yet; the object is allocated like any other.
    [RuntimeExport("RhpNewFinalizable"), StackTraceHidden]
    private static void* NewFinalizable(void* methodTable) => NewObject(methodTable);

    // The JIT passes the length sign-extended to a native int.
    [RuntimeExport("RhpNewArrayFast"), StackTraceHidden]
    private static void* NewArrayFast(void* methodTable, nint length) => NewArray(methodTable, length, MaxArrayLength);

    [RuntimeExport("RhpNewPtrArrayFast"), StackTraceHidden]
    private static void* NewPtrArrayFast(void* methodTable, nint length) => NewArray(methodTable, length, MaxArrayLength);

    // Any length past the limit, negative ones included, is out of memory for strings (as in the stock helper).
    [RuntimeExport("RhNewString"), StackTraceHidden]
    private static void* NewString(void* methodTable, nint length)
    {
        if ((ulong)length > MaxStringLength)
            FailedAllocation(methodTable, isOverflow: 0);
        return NewArray(methodTable, length, MaxStringLength);
    }

    // CoreLib calls these two (GC.AllocateArray, static bases) and throws itself when the result is null.
    [RuntimeExport("RhAllocateNewArray")]
    private static void AllocateNewArray(void* methodTable, uint length, uint flags, void** result)
    {
        ulong size = ObjectLayout.ArraySize(methodTable, length);
        *result = length > MaxArrayLength || size == 0 ? null : GcHeap.NewArray(methodTable, length, size);
    }

    [RuntimeExport("RhAllocateNewObject")]
    private static void AllocateNewObject(void* methodTable, uint flags, void** result) =>
        *result = GcHeap.NewObject(methodTable, ObjectLayout.BaseSize(methodTable));

    [StackTraceHidden]
    private static void* NewObject(void* methodTable)
    {
        void* obj = GcHeap.NewObject(methodTable, ObjectLayout.BaseSize(methodTable));
        if (obj == null)
            FailedAllocation(methodTable, isOverflow: 0);
        return obj;
    }

    [StackTraceHidden]
    private static void* NewArray(void* methodTable, nint length, ulong maxLength)
    {
        if (length < 0)
            FailedAllocation(methodTable, isOverflow: 1);
        ulong size = ObjectLayout.ArraySize(methodTable, (ulong)length);
        void* array = (ulong)length > maxLength || size == 0 ? null : GcHeap.NewArray(methodTable, (ulong)length, size);
        if (array == null)
            FailedAllocation(methodTable, isOverflow: 0);
        return array;
    }

    /// <summary>Throws the class library's OverflowException or OutOfMemoryException; never returns.</summary>
    [DllImport("minnow", EntryPoint = "RhExceptionHandling_FailedAllocation"), SuppressGCTransition]
    private static extern void FailedAllocation(void* methodTable, byte isOverflow);
}
