using System.Runtime.CompilerServices;
using Minnow.Kernel;
using Minnow.Runtime.Collection;

namespace Minnow.Runtime.Allocation;

/// <summary>
/// The managed heap's allocator. Small objects are bump-allocated from an allocation context, a
/// region of up to 8 KiB carved zeroed from the free spans of the small-object segments; the fast
/// path is a compare, a bump, one bit set in the segment's object-start map and the MethodTable store.
/// The slow path refills the context, carves medium objects directly, takes new segments, sends
/// objects of 32 KiB and more to the large-object space, and starts a collection when the
/// allocation budget since the last one is spent (or memory ran out). With <c>gcstress=N</c> every
/// allocation takes the slow path and every Nth collects. One context: one thread allocates. When
/// threads arrive each needs its own context, and the fast path (bump to MethodTable store) must not
/// be interrupted by a collection.
/// </summary>
internal static unsafe class GcHeap
{
    private const ulong AllocationQuantum = 8 * 1024;
    // A refill uses spans of at least this size before smaller fragments.
    private const ulong PreferredRefillSpan = 1024;
    // Objects this large that miss the context are carved directly, keeping the context's tail.
    private const ulong DirectAllocationSize = 2 * 1024;

    // The allocation context: [s_allocPtr, s_contextLimit) is zeroed and free. The fast path bumps up
    // to s_allocLimit, which is s_contextLimit, or s_allocPtr itself under gcstress.
    private static byte* s_allocPtr;
    private static byte* s_allocLimit;
    private static byte* s_contextLimit;
    private static SmallSegment* s_contextSegment;

    private static bool s_initialized;
    private static bool s_noGcRegion;
    private static ulong s_budget;
    private static ulong s_allocatedSinceCollection;
    private static ulong s_allocatedBeforeCollection;
    private static ulong s_stressCountdown;

    /// <summary>Bytes handed out since the image started (context tails never used included).</summary>
    public static ulong TotalAllocatedBytes => s_allocatedBeforeCollection + s_allocatedSinceCollection;

    /// <summary>An estimate of the bytes objects occupy now: the last collection's survivors plus what was allocated since.</summary>
    public static ulong BytesInUse => GcStatistics.LiveBytesAfterLastCollection + s_allocatedSinceCollection - (ulong)(s_contextLimit - s_allocPtr);

    /// <summary>Memory the heap holds from the page allocator.</summary>
    public static ulong HeapBytes => SmallObjectSpace.SegmentBytes + LargeObjectSpace.Bytes;

    /// <summary>Allocates and stamps an object of <paramref name="size"/> bytes (header included); returns the object reference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void* NewObject(void* methodTable, ulong size)
    {
        byte* unit = s_allocPtr;
        if (size <= (ulong)(s_allocLimit - unit))
        {
            s_allocPtr = unit + size;
            SmallSegment.RecordAllocation(s_contextSegment, unit);
            *(void**)(unit + ObjectLayout.HeaderSize) = methodTable;
            return unit + ObjectLayout.HeaderSize;
        }
        return NewObjectSlow(methodTable, size, finalizable: false);
    }

    /// <summary>Allocates an array or string of <paramref name="length"/> elements and <paramref name="size"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void* NewArray(void* methodTable, uint length, ulong size)
    {
        byte* unit = s_allocPtr;
        if (size <= (ulong)(s_allocLimit - unit))
        {
            s_allocPtr = unit + size;
            SmallSegment.RecordAllocation(s_contextSegment, unit);
            byte* obj = unit + ObjectLayout.HeaderSize;
            *(void**)obj = methodTable;
            *(uint*)(obj + ObjectLayout.LengthOffset) = length;
            return obj;
        }
        byte* array = (byte*)NewObjectSlow(methodTable, size, finalizable: false);
        *(uint*)(array + ObjectLayout.LengthOffset) = length;
        return array;
    }

    /// <summary>The slow path for an object whose type has a finalizer: it is registered with the finalization queue.</summary>
    public static void* NewFinalizableObject(void* methodTable, ulong size) => NewObjectSlow(methodTable, size, finalizable: true);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void* NewObjectSlow(void* methodTable, ulong size, bool finalizable)
    {
        byte* unit = AllocateSlow(methodTable, size);
        byte* obj = unit + ObjectLayout.HeaderSize;
        *(void**)obj = methodTable;
        if (finalizable && !FinalizationQueue.Register((nint)obj))
            AllocationFailure.OutOfMemory(methodTable, size);
        return obj;
    }

    /// <summary>Zeroed memory for <paramref name="size"/> bytes, recorded as an object start. Never null.</summary>
    private static byte* AllocateSlow(void* methodTable, ulong size)
    {
        if (!s_initialized)
            Initialize();
        if (GcSettings.StressInterval != 0 && --s_stressCountdown == 0)
        {
            s_stressCountdown = GcSettings.StressInterval;
            CollectForAllocation(CollectionReason.Stress);
        }
        if (size >= LargeObjectSpace.Threshold)
            return AllocateLarge(methodTable, size);

        bool collectedForMemory = false;
        while (true)
        {
            byte* unit = s_allocPtr;
            if (size <= (ulong)(s_contextLimit - unit))
            {
                s_allocPtr = unit + size;
                s_allocLimit = GcSettings.StressInterval != 0 ? s_allocPtr : s_contextLimit;
                SmallSegment.RecordAllocation(s_contextSegment, unit);
                return unit;
            }
            if (s_allocatedSinceCollection >= s_budget && !s_noGcRegion)
            {
                CollectForAllocation(CollectionReason.Budget);
                continue;
            }
            if (size >= DirectAllocationSize)
            {
                if (SmallObjectSpace.FreeSpans.Take(size, size, size, out byte* region, out ulong regionSize))
                {
                    s_allocatedSinceCollection += regionSize;
                    SmallSegment.RecordAllocation(SmallSegment.Containing(region), region);
                    return region;
                }
            }
            else if (Refill(size))
            {
                continue;
            }
            if (SmallObjectSpace.AddSegment())
            {
                GcStatistics.NoteHeapBytes(HeapBytes);
                continue;
            }
            if (collectedForMemory)
                break;
            collectedForMemory = true;
            CollectForAllocation(CollectionReason.OutOfMemory);
        }
        AllocationFailure.OutOfMemory(methodTable, size);
        return null;
    }

    private static byte* AllocateLarge(void* methodTable, ulong size)
    {
        if (s_allocatedSinceCollection >= s_budget && !s_noGcRegion)
            CollectForAllocation(CollectionReason.Budget);
        byte* unit = LargeObjectSpace.Allocate(size);
        if (unit == null)
        {
            CollectForAllocation(CollectionReason.OutOfMemory);
            unit = LargeObjectSpace.Allocate(size);
            if (unit == null)
                AllocationFailure.OutOfMemory(methodTable, size);
        }
        s_allocatedSinceCollection += size;
        GcStatistics.NoteHeapBytes(HeapBytes);
        return unit;
    }

    /// <summary>Replaces the allocation context by a fresh region of at least <paramref name="size"/> bytes.</summary>
    private static bool Refill(ulong size)
    {
        if (!SmallObjectSpace.FreeSpans.Take(size, AllocationQuantum, PreferredRefillSpan, out byte* region, out ulong regionSize))
            return false;
        // The old context's unused tail was counted as allocated; it is free again at the next sweep.
        s_allocatedSinceCollection -= (ulong)(s_contextLimit - s_allocPtr);
        s_allocatedSinceCollection += regionSize;
        s_allocPtr = region;
        s_contextLimit = region + regionSize;
        s_allocLimit = GcSettings.StressInterval != 0 ? region : s_contextLimit;
        s_contextSegment = SmallSegment.Containing(region);
        return true;
    }

    private static void CollectForAllocation(CollectionReason reason)
    {
        GarbageCollector.Collect(reason);
        if (!FinalizerThreadSupport.IsAttached && FinalizationQueue.ReadyCount >= FinalizerRunner.BacklogLimit)
            FinalizerRunner.RunPending();
    }

    /// <summary>Collector: the context's memory must not be bumped into during or after the sweep.</summary>
    internal static void RetireAllocationContext()
    {
        s_allocatedSinceCollection -= (ulong)(s_contextLimit - s_allocPtr);
        s_allocPtr = s_allocLimit = s_contextLimit = null;
        s_contextSegment = null;
    }

    /// <summary>Collector: a collection ended; <paramref name="budget"/> bytes may be allocated before the next.</summary>
    internal static void CollectionFinished(ulong budget)
    {
        s_allocatedBeforeCollection += s_allocatedSinceCollection;
        s_allocatedSinceCollection = 0;
        s_budget = budget;
    }

    /// <summary>
    /// GC.GetGeneration's question: did <paramref name="obj"/> survive a collection? Small objects
    /// keep their mark bit from the last collection until the next one starts; large and frozen
    /// objects count as old.
    /// </summary>
    public static bool SurvivedLastCollection(object obj)
    {
        nint address = Unsafe.As<object, nint>(ref obj);
        SmallSegment* segment = SmallObjectSpace.SegmentOf((nuint)address);
        return segment == null || SmallSegment.IsMarked(segment, (byte*)address);
    }

    /// <summary>GC.TryStartNoGCRegion: no budget collections until <see cref="EndNoGcRegion"/>.</summary>
    public static bool StartNoGcRegion()
    {
        if (s_noGcRegion)
            return false;
        s_noGcRegion = true;
        return true;
    }

    public static bool EndNoGcRegion()
    {
        bool wasIn = s_noGcRegion;
        s_noGcRegion = false;
        return wasIn;
    }

    /// <summary>Explicit collections (GC.Collect) before anything was allocated still need the heap's structures.</summary>
    public static void EnsureInitialized()
    {
        if (!s_initialized)
            Initialize();
    }

    private static void Initialize()
    {
        GcSettings.Load();
        if (!SmallObjectSpace.Initialize() || !Marker.Initialize())
            Panic.Fail("out of memory while setting up the managed heap");
        s_budget = GcSettings.MinimumBudget;
        s_stressCountdown = GcSettings.StressInterval;
        s_initialized = true;
    }
}
