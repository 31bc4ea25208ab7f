using Minnow.Kernel;
using Minnow.Kernel.Cpu;
using Minnow.Kernel.Time;
using Minnow.Runtime.Allocation;
using Minnow.Runtime.Handles;
using Minnow.Runtime.Modules;

namespace Minnow.Runtime.Collection;

/// <summary>
/// A non-moving, generational mark-sweep collection, run on the allocating thread with interrupts
/// disabled (so every other thread is stopped). Two generations without moving anything ("sticky
/// mark bits"): an object is old once it survived a collection, which its mark bit records, since
/// the marks stay set after the sweep. A <b>young</b> collection keeps the marks: marking stops at old
/// objects, the references old objects got since the last collection come from the dirty cards of
/// <see cref="CardTable"/> (<see cref="RememberedSet"/>), and the sweep frees only unmarked, that is
/// young and unreached, objects. Old objects that died wait for the next <b>full</b> collection,
/// which clears every mark first and traces everything (<see cref="GcSettings.NextIsFull"/> says
/// when: the old generation grew by half, memory ran out, GC.Collect, or <c>gcfull</c>).
/// Roots: every module's GC statics (section 201), strong and pinned handles,
/// the finalizer-ready queue, thread-static bases, and every thread's stack and saved registers,
/// scanned conservatively (<see cref="ThreadRoots"/>). Heap objects are traced precisely through
/// their GCDesc. After marking: dependent handles are promoted to a fixpoint, short weak handles are
/// cleared, unreachable finalizable objects are queued and marked (with what they reference), the
/// fixpoint runs again, long weak handles and dead dependent handles are cleared, and the spaces are
/// swept (in a young collection an old object counts as reached for all of these). Cost: marking is
/// proportional to the objects traced (all live ones in a full collection; young survivors and old
/// objects in dirty cards in a young one), sweeping to heap size / 64 bitmap words plus live objects;
/// the dependent-handle fixpoint repeats a pass over the handles per newly reached generation of secondaries.
/// </summary>
internal static unsafe class GarbageCollector
{
    private const int GcStaticRegionSection = 201;
    private static bool s_collecting;
    private static CollectionReason s_reason;
    private static bool s_young;

    /// <summary>
    /// Collects, then hands what the collection queued for finalization to the finalizer thread. Every
    /// collection goes through here: GC.Collect, and the allocator when its budget is spent or memory
    /// ran out. <paramref name="youngOnly"/> asks for a young collection (GC.Collect(0)); otherwise the
    /// reason and the heap's state choose.
    /// </summary>
    public static void CollectAndSignalFinalizers(CollectionReason reason, bool youngOnly = false)
    {
        ulong interrupts = InterruptState.Disable();
        Collect(reason, youngOnly);
        if (FinalizationQueue.ReadyCount != 0)
            FinalizerThread.RequestPass();
        InterruptState.Restore(interrupts);
    }

    // Interrupts are off: no other thread runs, each is parked with its registers saved on its stack.
    private static void Collect(CollectionReason reason, bool youngOnly)
    {
        if (s_collecting)
            Panic.Fail("a collection started while one was running (allocation inside the collector?)");
        GcHeap.EnsureInitialized();
        s_collecting = true;
        s_reason = reason;
        s_young = youngOnly ? !GcSettings.FullOnly : !GcSettings.NextIsFull(reason, s_liveBytes);
        ulong start = MonotonicClock.ReadCycles();

        GcHeap.RetireAllocationContext();
        CollectorStubs.CallWithRegistersSpilled((nint)(delegate*<nuint, void>)&CollectFrom);

        ulong pause = MonotonicClock.TscToNanoseconds(MonotonicClock.ReadCycles() - start);
        GcStatistics.RecordCollection(pause, s_liveBytes, s_young);
        s_collecting = false;
    }

    private static ulong s_liveBytes;

    /// <summary>The collection proper; <paramref name="stackLow"/> is the lowest stack address outside the collector's frames.</summary>
    private static void CollectFrom(nuint stackLow)
    {
        ulong markStart = MonotonicClock.ReadCycles();
        if (s_young)
        {
            if (GcSettings.VerifyHeap)
                HeapVerifier.VerifyRememberedSet();
            RememberedSet.MarkFromDirtyCards();
        }
        else
        {
            SmallObjectSpace.ClearMarks();
            LargeObjectSpace.ClearMarks();
            RememberedSet.Forget();
        }
        MarkStaticRoots();
        MarkHandleRoots();
        FinalizationQueue.MarkReadyObjects();
        ThreadRoots.ScanAll(stackLow);
        Marker.Drain();
        PromoteDependentHandles();

        ClearDeadWeakHandles(GcHandleTable.TypeWeak);
        FinalizationQueue.QueueUnreachable();
        Marker.Drain();
        PromoteDependentHandles();
        ClearDeadWeakHandles(GcHandleTable.TypeWeakTrackResurrection);
        ClearDeadDependentHandles();

        ulong sweepStart = MonotonicClock.ReadCycles();
        ulong live = SmallObjectSpace.Sweep(s_young, GcSettings.SweepWholeSegments(s_young)) + LargeObjectSpace.Sweep();
        ulong budget = GcSettings.CollectionFinished(s_young, live);
        SmallObjectSpace.SettleEmptySegments(s_reason == CollectionReason.OutOfMemory ? 0 : budget);
        GcHeap.CollectionFinished(budget);
        s_liveBytes = live;
        if (GcSettings.VerboseStatistics)
            GcStatistics.ReportCollection(s_reason, s_young, markStart, sweepStart, MonotonicClock.ReadCycles(), live, GcHeap.HeapBytes);
        if (GcSettings.VerifyHeap)
            HeapVerifier.Verify();
    }

    /// <summary>
    /// Section 201 lists, per module, 32-bit self-relative pointers to the slots that hold each type's
    /// GC static base object (until CoreLib's InitializeStatics allocates the base, a slot holds a
    /// relative pointer to its MethodTable with the low bit set). CoreLib also keeps the bases alive
    /// through a strong handle; scanning the slots covers the time before that handle exists.
    /// </summary>
    private static void MarkStaticRoots()
    {
        for (int i = 0; ; i++)
        {
            TypeManager* manager = ModuleExports.TypeManagerAt(i);
            if (manager == null)
                return;
            nint region = ReadyToRunHeader.FindSection(manager->Header, GcStaticRegionSection, out int length);
            if (region == 0)
                continue;
            for (int* entry = (int*)region; entry < (int*)(region + length); entry++)
            {
                nint* slot = (nint*)((byte*)entry + *entry);
                nint value = *slot;
                if ((value & 3) == 0)
                    Marker.MarkReference(value);
            }
        }
    }

    private static void MarkHandleRoots()
    {
        for (var cells = GcHandleTable.Cells(); cells.MoveNext();)
        {
            GcHandleTable.Cell* cell = cells.Current;
            nint type = cell->Type;
            if (type != GcHandleTable.TypeWeak && type != GcHandleTable.TypeWeakTrackResurrection && type != GcHandleTable.TypeDependent)
                Marker.MarkReference(cell->Object);
        }
    }

    /// <summary>A dependent handle's secondary lives while its primary does: repeat until no pass marks more.</summary>
    private static void PromoteDependentHandles()
    {
        bool marked;
        do
        {
            marked = false;
            for (var cells = GcHandleTable.Cells(); cells.MoveNext();)
            {
                GcHandleTable.Cell* cell = cells.Current;
                if (cell->Type != GcHandleTable.TypeDependent || cell->Object == 0 || cell->Secondary == 0)
                    continue;
                if (Marker.IsLive(cell->Object) && !Marker.IsLive(cell->Secondary))
                {
                    Marker.MarkReference(cell->Secondary);
                    Marker.Drain();
                    marked = true;
                }
            }
        }
        while (marked);
    }

    private static void ClearDeadWeakHandles(int type)
    {
        for (var cells = GcHandleTable.Cells(); cells.MoveNext();)
        {
            GcHandleTable.Cell* cell = cells.Current;
            if (cell->Type == type && cell->Object != 0 && !Marker.IsLive(cell->Object))
                cell->Object = 0;
        }
    }

    private static void ClearDeadDependentHandles()
    {
        for (var cells = GcHandleTable.Cells(); cells.MoveNext();)
        {
            GcHandleTable.Cell* cell = cells.Current;
            if (cell->Type == GcHandleTable.TypeDependent && cell->Object != 0 && !Marker.IsLive(cell->Object))
            {
                cell->Object = 0;
                cell->Secondary = 0;
            }
        }
    }
}
