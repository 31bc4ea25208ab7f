using System.Runtime;

namespace Minnow.Runtime.Allocation;

/// <summary>The allocation helpers ilc's code calls for newobj, newarr and string allocation.</summary>
internal static unsafe class AllocationExports
{
    [RuntimeExport("RhpNewFast")]
    private static void* NewFast(void* methodTable) => GcHeap.NewObject(methodTable, ObjectLayout.BaseSize(methodTable));

    // Finalization is not run yet; the object is allocated like any other.
    [RuntimeExport("RhpNewFinalizable")]
    private static void* NewFinalizable(void* methodTable) => GcHeap.NewObject(methodTable, ObjectLayout.BaseSize(methodTable));

    [RuntimeExport("RhpNewArrayFast")]
    private static void* NewArrayFast(void* methodTable, int length) => NewArray(methodTable, length);

    [RuntimeExport("RhpNewPtrArrayFast")]
    private static void* NewPtrArrayFast(void* methodTable, int length) => NewArray(methodTable, length);

    [RuntimeExport("RhNewString")]
    private static void* NewString(void* methodTable, int length) => NewArray(methodTable, length);

    [RuntimeExport("RhAllocateNewArray")]
    private static void AllocateNewArray(void* methodTable, uint length, uint flags, void** result) =>
        *result = NewArray(methodTable, length);

    [RuntimeExport("RhAllocateNewObject")]
    private static void AllocateNewObject(void* methodTable, uint flags, void** result) =>
        *result = GcHeap.NewObject(methodTable, ObjectLayout.BaseSize(methodTable));

    private static void* NewArray(void* methodTable, long length)
    {
        ulong size = length < 0 ? 0 : ObjectLayout.ArraySize(methodTable, (ulong)length);
        if (size == 0)
            RuntimeFailure.NotYetSupported("array of negative or overflowing length (OverflowException needs exception dispatch)");
        return GcHeap.NewArray(methodTable, (ulong)length, size);
    }
}
