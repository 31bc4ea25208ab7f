using System.Runtime;
using System.Runtime.CompilerServices;
using Minnow.Kernel.Memory;
using Minnow.Runtime.Collection;
using Minnow.Runtime.Modules;

namespace Minnow.Runtime.Allocation;

/// <summary>
/// GC control and statistics. The collector has two generations, young and old; it reports .NET's
/// shape: MaxGeneration is 2, a young collection counts for generation 0 and a full one for every
/// generation; GC.Collect(0) asks for a young collection and any other GC.Collect for a full one. An
/// object that survived a collection (or is large and survived, or is older) is in generation 2, one
/// allocated since in 0, and a frozen (preinitialised, never collected) object reports int.MaxValue as
/// in the stock runtime.
/// </summary>
internal static unsafe class GcControlExports
{
    private const int MaxGeneration = 2;

    [RuntimeExport("RhpCollect")]
    private static void Collect(int generation, int mode, int lowMemory) =>
        GarbageCollector.CollectAndSignalFinalizers(CollectionReason.Induced, youngOnly: generation == 0);

    [RuntimeExport("RhGetGcCollectionCount")]
    private static int GetGcCollectionCount(int generation, bool getSpecialGcCount) =>
        generation == 0 ? GcStatistics.CollectionCount : generation > 0 && generation <= MaxGeneration ? GcStatistics.FullCollectionCount : 0;

    [RuntimeExport("RhGetMaxGcGeneration")]
    private static int GetMaxGcGeneration() => MaxGeneration;

    // The type loader asks when it recycles caches.
    [RuntimeExport("RhGetGeneration")]
    private static int GetGeneration(object obj)
    {
        if (FrozenSegments.Contains(*(nint*)Unsafe.AsPointer(ref obj)))
            return int.MaxValue;
        return GcHeap.IsOld(obj) ? MaxGeneration : 0;
    }

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
    private static long GetGcTotalMemory() => (long)GcHeap.BytesInUse;

    // GC.TryStartNoGCRegion: 0 is "succeeded", 3 "already in progress".
    [RuntimeExport("RhpStartNoGCRegion")]
    private static int StartNoGcRegion(long totalSize, bool hasLohSize, long lohSize, bool disallowFullBlockingGc) =>
        GcHeap.StartNoGcRegion() ? 0 : 3;

    // GC.EndNoGCRegion: 0 is "succeeded", 1 "not in progress".
    [RuntimeExport("RhpEndNoGCRegion")]
    private static int EndNoGcRegion() => GcHeap.EndNoGcRegion() ? 0 : 1;

    // The destination's cards, then the copy. In that order a collection that preempts the copy
    // finds the references copied so far in dirty cards, and every reference copied after it points
    // at an object that the collection made old (the source was traced or is old itself).
    [RuntimeExport("RhBulkMoveWithWriteBarrier")]
    private static void BulkMoveWithWriteBarrier(byte* destination, byte* source, nuint size)
    {
        CardTable.MarkRange(destination, size);
        Buffer.MemoryCopy(source, destination, (long)size, (long)size);
    }

    [RuntimeExport("RhpGcSafeZeroMemory")]
    private static byte* GcSafeZeroMemory(byte* memory, nuint size)
    {
        new Span<byte>(memory, checked((int)size)).Clear();
        return memory;
    }

    /// <summary>Total RAM the VM has: what GCMemoryInfo.TotalAvailableMemoryBytes reports.</summary>
    public static ulong TotalPhysicalMemory => PhysicalMemory.TotalBytes;
}
