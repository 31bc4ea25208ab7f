using System.Runtime.CompilerServices;
using Minnow.Kernel;
using Minnow.Kernel.Cpu;
using Minnow.Kernel.Threading;
using Minnow.Runtime.Collection;
using Minnow.Runtime.ExceptionHandling;

namespace Minnow.Runtime.Allocation;

/// <summary>
/// The managed heap's allocator. Small objects are bump-allocated from an allocation context, a
/// region of up to 8 KiB carved zeroed from the free spans of the small-object segments; the fast
/// path is a compare, a bump, one bit set in the segment's object-start map and the MethodTable store.
/// The slow path refills the context, carves medium objects directly, takes new segments, sends
/// objects of 32 KiB and more to the large-object space, and starts a collection when the
/// allocation budget since the last one is spent (or memory ran out). With <c>gcstress=N</c> every
/// allocation takes the slow path and every Nth collects. Threads share one context: the fast path
/// runs with preemption deferred (<see cref="Scheduler.DeferPreemption"/>: no thread switch, but no
/// cli/popf either; no interrupt handler allocates), the slow path with interrupts off (on one CPU,
/// the lock of the heap), so a thread is never switched out in the middle of an allocation and a
/// collection started by another thread sees a consistent heap.
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

    /// <summary>
    /// Allocates and stamps an object of <paramref name="size"/> bytes (header included); returns the
    /// object reference, or null when even a collection could not make room.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void* NewObject(void* methodTable, ulong size)
    {
        Scheduler.DeferPreemption();
        byte* obj = TryBump(methodTable, size);
        Scheduler.AllowPreemption();
        return obj != null ? obj : NewLocked(methodTable, size, isArray: false, length: 0);
    }

    /// <summary>Allocates an array or string of <paramref name="length"/> elements and <paramref name="size"/> bytes; null when out of memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void* NewArray(void* methodTable, uint length, ulong size)
    {
        // The length is stored before other threads may run: a collection must never find an
        // array whose length (and so its size) is not yet written.
        Scheduler.DeferPreemption();
        byte* obj = TryBump(methodTable, size);
        if (obj != null)
            *(uint*)(obj + ObjectLayout.LengthOffset) = length;
        Scheduler.AllowPreemption();
        return obj != null ? obj : NewLocked(methodTable, size, isArray: true, length);
    }

    /// <summary>The fast path: a stamped object from the allocation context, or null when it has no room.
    /// The caller keeps other threads out (preemption deferred, or interrupts off).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte* TryBump(void* methodTable, ulong size)
    {
        byte* unit = s_allocPtr;
        if (size > (ulong)(s_allocLimit - unit))
            return null;
        s_allocPtr = unit + size;
        byte* obj = unit + ObjectLayout.HeaderSize;
        *(void**)obj = methodTable;
        SmallSegment.RecordAllocation(s_contextSegment, unit);
        return obj;
    }

    // The slow path runs with interrupts off (it may collect); another thread may have refilled the
    // context since the caller looked, so the bump is tried again first.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void* NewLocked(void* methodTable, ulong size, bool isArray, uint length)
    {
        ulong interrupts = InterruptState.Disable();
        byte* obj = TryBump(methodTable, size);
        if (obj == null)
            obj = (byte*)NewObjectSlow(methodTable, size, finalizable: false);
        if (obj != null && isArray)
            *(uint*)(obj + ObjectLayout.LengthOffset) = length;
        InterruptState.Restore(interrupts);
        return obj;
    }

    /// <summary>An object whose type has a finalizer: it is registered with the finalization queue. Null when out of memory.</summary>
    public static void* NewFinalizableObject(void* methodTable, ulong size)
    {
        ulong interrupts = InterruptState.Disable();
        void* obj = NewObjectSlow(methodTable, size, finalizable: true);
        InterruptState.Restore(interrupts);
        return obj;
    }

    // Interrupts are off from here on: no other thread allocates or collects until the caller is done.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void* NewObjectSlow(void* methodTable, ulong size, bool finalizable)
    {
        byte* unit = AllocateSlow(size);
        if (unit == null)
            return null;
        byte* obj = unit + ObjectLayout.HeaderSize;
        *(void**)obj = methodTable;
        // Unregistered, the object is ordinary garbage; the caller reports the failure.
        if (finalizable && !FinalizationQueue.Register((nint)obj))
            return null;
        return obj;
    }

    /// <summary>Zeroed memory for <paramref name="size"/> bytes, recorded as an object start; null when out of memory.</summary>
    private static byte* AllocateSlow(ulong size)
    {
        if (!s_initialized)
            Initialize();
        if (GcSettings.StressInterval != 0 && --s_stressCountdown == 0 && MayCollectNow())
        {
            s_stressCountdown = GcSettings.StressInterval;
            CollectForAllocation(CollectionReason.Stress);
        }
        if (size >= LargeObjectSpace.Threshold)
            return AllocateLarge(size);

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
            if (s_allocatedSinceCollection >= s_budget && MayCollectNow())
            {
                CollectForAllocation(CollectionReason.Budget);
                continue;
            }
            if (size >= DirectAllocationSize)
            {
                if (SmallObjectSpace.FreeSpans.Take(size, size, size, out byte* region, out ulong regionSize))
                {
                    s_allocatedSinceCollection += regionSize;
                    SmallObjectSpace.NoteAllocatedRegion(region, regionSize);
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
                return null;
            collectedForMemory = true;
            CollectForAllocation(CollectionReason.OutOfMemory);
        }
    }

    private static byte* AllocateLarge(ulong size)
    {
        if (s_allocatedSinceCollection >= s_budget && MayCollectNow())
            CollectForAllocation(CollectionReason.Budget);
        byte* unit = LargeObjectSpace.Allocate(size);
        if (unit == null)
        {
            CollectForAllocation(CollectionReason.OutOfMemory);
            unit = LargeObjectSpace.Allocate(size);
            if (unit == null)
                return null;
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
        SmallObjectSpace.NoteAllocatedRegion(region, regionSize);
        return true;
    }

    private static void CollectForAllocation(CollectionReason reason) => GarbageCollector.CollectAndSignalFinalizers(reason);

    /// <summary>
    /// Budget and stress collections wait while a no-GC region is open or exception dispatch is
    /// between the funclets of its second pass (it asked, through RhpSetThreadDoNotTriggerGC, not to
    /// be collected under); running out of memory collects regardless, the heap being non-moving.
    /// </summary>
    private static bool MayCollectNow() => !s_noGcRegion && !ExceptionThreadState.Current->DoNotTriggerGc;

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
    /// GC.GetGeneration's question: did <paramref name="obj"/> survive a collection, is it old? Small
    /// objects keep their mark bit from the collection they survived (until a full one starts);
    /// large and frozen objects count as old.
    /// </summary>
    public static bool IsOld(object obj)
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
        CardTable.Initialize();
        s_budget = GcSettings.MinimumBudget;
        s_stressCountdown = GcSettings.StressInterval;
        s_initialized = true;
    }
}
