using System.Diagnostics;
using System.Runtime;

namespace Minnow.Runtime.Allocation;

/// <summary>
/// The allocation helpers ilc's code calls for newobj, newarr and string allocation. As in the stock
/// runtime they never return null: a negative array length raises OverflowException, a length beyond
/// .NET's limits or an exhausted heap OutOfMemoryException (<see cref="AllocationFailure"/>); the
/// helpers are hidden from stack traces, so the exception appears to come from the allocating method,
/// as with the stock helpers' tail calls.
/// </summary>
internal static unsafe class AllocationExports
{
    // Array.MaxLength and string's limit (CoreLib's MAX_STRING_LENGTH): longer requests are out of memory.
    private const ulong MaxArrayLength = 0x7FFF_FFC7;
    private const ulong MaxStringLength = 0x3FFF_FFDF;
    private const uint AllocateFinalizeFlag = 1;

    [RuntimeExport("RhpNewFast"), StackTraceHidden]
    private static void* NewFast(void* methodTable)
    {
        void* obj = GcHeap.NewObject(methodTable, ObjectLayout.BaseSize(methodTable));
        if (obj == null)
            AllocationFailure.OutOfMemory(methodTable);
        return obj;
    }

    [RuntimeExport("RhpNewFinalizable"), StackTraceHidden]
    private static void* NewFinalizable(void* methodTable)
    {
        void* obj = GcHeap.NewFinalizableObject(methodTable, ObjectLayout.BaseSize(methodTable));
        if (obj == null)
            AllocationFailure.OutOfMemory(methodTable);
        return obj;
    }

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
            AllocationFailure.OutOfMemory(methodTable);
        return NewArray(methodTable, length, MaxStringLength);
    }

    // CoreLib calls these two (GC.AllocateArray, static bases, GetUninitializedObject) and throws itself when the result is null.
    [RuntimeExport("RhAllocateNewArray")]
    private static void AllocateNewArray(void* methodTable, uint length, uint flags, void** result)
    {
        ulong size = ObjectLayout.ArraySize(methodTable, length);
        *result = length > MaxArrayLength || size == 0 ? null : GcHeap.NewArray(methodTable, length, size);
    }

    [RuntimeExport("RhAllocateNewObject")]
    private static void AllocateNewObject(void* methodTable, uint flags, void** result)
    {
        ulong size = ObjectLayout.BaseSize(methodTable);
        *result = (flags & AllocateFinalizeFlag) != 0 || ObjectLayout.HasFinalizer(methodTable)
            ? GcHeap.NewFinalizableObject(methodTable, size)
            : GcHeap.NewObject(methodTable, size);
    }

    [StackTraceHidden]
    private static void* NewArray(void* methodTable, nint length, ulong maxLength)
    {
        if (length < 0)
            AllocationFailure.Overflow(methodTable);
        ulong size = ObjectLayout.ArraySize(methodTable, (ulong)length);
        void* array = (ulong)length > maxLength || size == 0 ? null : GcHeap.NewArray(methodTable, (uint)length, size);
        if (array == null)
            AllocationFailure.OutOfMemory(methodTable);
        return array;
    }
}
