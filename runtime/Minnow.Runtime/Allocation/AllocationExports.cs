using System.Runtime;

namespace Minnow.Runtime.Allocation;

/// <summary>The allocation helpers ilc's code calls for newobj, newarr and string allocation.</summary>
internal static unsafe class AllocationExports
{
    private const uint AllocateFinalizeFlag = 1;

    [RuntimeExport("RhpNewFast")]
    private static void* NewFast(void* methodTable) => GcHeap.NewObject(methodTable, ObjectLayout.BaseSize(methodTable));

    [RuntimeExport("RhpNewFinalizable")]
    private static void* NewFinalizable(void* methodTable) => GcHeap.NewFinalizableObject(methodTable, ObjectLayout.BaseSize(methodTable));

    [RuntimeExport("RhpNewArrayFast")]
    private static void* NewArrayFast(void* methodTable, nint length) => NewArray(methodTable, length);

    [RuntimeExport("RhpNewPtrArrayFast")]
    private static void* NewPtrArrayFast(void* methodTable, nint length) => NewArray(methodTable, length);

    [RuntimeExport("RhNewString")]
    private static void* NewString(void* methodTable, nint length) => NewArray(methodTable, length);

    [RuntimeExport("RhAllocateNewArray")]
    private static void AllocateNewArray(void* methodTable, uint length, uint flags, void** result) =>
        *result = NewArray(methodTable, length);

    [RuntimeExport("RhAllocateNewObject")]
    private static void AllocateNewObject(void* methodTable, uint flags, void** result)
    {
        ulong size = ObjectLayout.BaseSize(methodTable);
        *result = (flags & AllocateFinalizeFlag) != 0 || ObjectLayout.HasFinalizer(methodTable)
            ? GcHeap.NewFinalizableObject(methodTable, size)
            : GcHeap.NewObject(methodTable, size);
    }

    // The helpers take the length as a native int: a negative int32 arrives sign-extended.
    private static void* NewArray(void* methodTable, long length)
    {
        if (length < 0 || length > int.MaxValue)
            AllocationFailure.Overflow(methodTable, length);
        ulong size = ObjectLayout.ArraySize(methodTable, (ulong)length);
        if (size == 0)
            AllocationFailure.OutOfMemory(methodTable, ulong.MaxValue);
        return GcHeap.NewArray(methodTable, (uint)length, size);
    }
}
