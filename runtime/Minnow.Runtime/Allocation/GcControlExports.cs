using System.Runtime;
using System.Runtime.CompilerServices;
using Minnow.Kernel.Memory;

namespace Minnow.Runtime.Allocation;

/// <summary>
/// GC control and statistics. There is no collector yet: a collection request does nothing and the
/// counts stay at zero, which is what the statistics truthfully report.
/// </summary>
internal static unsafe class GcControlExports
{
    [RuntimeExport("RhpCollect")]
    private static void Collect(int generation, int mode, int lowMemory)
    {
    }

    [RuntimeExport("RhGetGcCollectionCount")]
    private static int GetGcCollectionCount(int generation, bool getSpecialGcCount) => 0;

    [RuntimeExport("RhGetMaxGcGeneration")]
    private static int GetMaxGcGeneration() => 0;

    // One generation: every heap object is in generation 0. Frozen (preinitialised, never collected)
    // objects report int.MaxValue, as in the stock runtime. The type loader asks when it recycles caches.
    [RuntimeExport("RhGetGeneration")]
    private static int GetGeneration(object obj) =>
        Modules.FrozenSegments.Contains(*(nint*)Unsafe.AsPointer(ref obj)) ? int.MaxValue : 0;

    /// <summary>Bytes of the GCDesc below a MethodTable (the type loader copies it when building types).</summary>
    [RuntimeExport("RhGetGCDescSize")]
    private static int GetGcDescSize(void* methodTable)
    {
        if ((ObjectLayout.Flags(methodTable) & ObjectLayout.HasPointersFlag) == 0)
            return 0;
        long series = *((long*)methodTable - 1);
        // Normal form: the count and {size, offset} pairs. Repeating form (arrays of structs):
        // the count, the start offset, and -count packed {pointers, skip} items.
        return series > 0 ? (int)(8 + series * 16) : (int)(8 + 16 + (-series - 1) * 8);
    }

    [RuntimeExport("RhpGetGcTotalMemory")]
    private static long GetGcTotalMemory() => (long)GcHeap.AllocatedBytes;

    [RuntimeExport("RhpStartNoGCRegion")]
    private static int StartNoGcRegion(long totalSize, bool hasLohSize, long lohSize, bool disallowFullBlockingGc) => 0;

    [RuntimeExport("RhpEndNoGCRegion")]
    private static int EndNoGcRegion() => 0;

    [RuntimeExport("RhSuppressFinalize")]
    private static void SuppressFinalize(object obj)
    {
    }

    [RuntimeExport("RhReRegisterForFinalize")]
    private static bool ReRegisterForFinalize(object obj) => true;

    [RuntimeExport("RhpGetNextFinalizableObject")]
    private static nint GetNextFinalizableObject() => 0;

    [RuntimeExport("RhBulkMoveWithWriteBarrier")]
    private static void BulkMoveWithWriteBarrier(byte* destination, byte* source, nuint size) =>
        Buffer.MemoryCopy(source, destination, (long)size, (long)size);

    [RuntimeExport("RhpGcSafeZeroMemory")]
    private static byte* GcSafeZeroMemory(byte* memory, nuint size)
    {
        new Span<byte>(memory, checked((int)size)).Clear();
        return memory;
    }

    /// <summary>Total RAM the VM has: what GCMemoryInfo.TotalAvailableMemoryBytes reports.</summary>
    public static ulong TotalPhysicalMemory => PhysicalMemory.TotalBytes;
}
