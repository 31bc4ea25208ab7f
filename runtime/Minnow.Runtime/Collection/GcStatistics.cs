using Minnow.Kernel.Console;
using Minnow.Kernel.Time;

namespace Minnow.Runtime.Collection;

/// <summary>
/// What the collector has done: collections, pause times, the heap's high-water mark. With the
/// <c>gcstats</c> kernel option one line is logged at exit for benchmarks to read:
/// <c>minnow: gcstats collections=N full-collections=N pause-total-us=.. pause-max-us=.. pause-p99-us=.. pause-p50-us=..
/// heap-peak-bytes=.. live-bytes=.. allocated-bytes=..</c> (pauses are whole collections, stop to
/// resume; heap-peak-bytes is the most memory the heap held from the page allocator at once).
/// <c>gcstats=verbose</c> adds a line per collection.
/// </summary>
internal static class GcStatistics
{
    private static PauseHistogram s_pauses;

    public static int CollectionCount { get; private set; }
    public static int FullCollectionCount { get; private set; }
    public static ulong LiveBytesAfterLastCollection { get; private set; }
    public static ulong PeakHeapBytes { get; private set; }
    public static ulong LastPauseNanoseconds { get; private set; }

    public static void RecordCollection(ulong pauseNanoseconds, ulong liveBytes, bool young)
    {
        CollectionCount++;
        if (!young)
            FullCollectionCount++;
        LiveBytesAfterLastCollection = liveBytes;
        LastPauseNanoseconds = pauseNanoseconds;
        s_pauses.Record(pauseNanoseconds);
    }

    /// <summary>Called whenever the heap takes pages: tracks the high-water mark.</summary>
    public static void NoteHeapBytes(ulong heapBytes)
    {
        if (heapBytes > PeakHeapBytes)
            PeakHeapBytes = heapBytes;
    }

    /// <summary><c>gcstats=verbose</c>: one line per collection, its mark and sweep times and the heap after it.</summary>
    public static void ReportCollection(CollectionReason reason, bool young, ulong markStartTsc, ulong sweepStartTsc, ulong endTsc, ulong liveBytes, ulong heapBytes)
    {
        KernelLog.Write("gc ");
        KernelLog.WriteDecimal(CollectionCount + 1);
        KernelLog.Write(young ? " young" : " full");
        KernelLog.Write(reason == CollectionReason.Budget ? " budget" : reason == CollectionReason.OutOfMemory ? " out-of-memory" : reason == CollectionReason.Induced ? " induced" : " stress");
        KernelLog.Write(" mark-us=");
        KernelLog.WriteDecimal((long)(MonotonicClock.TscToNanoseconds(sweepStartTsc - markStartTsc) / 1000));
        KernelLog.Write(" sweep-us=");
        KernelLog.WriteDecimal((long)(MonotonicClock.TscToNanoseconds(endTsc - sweepStartTsc) / 1000));
        KernelLog.Write(" live-bytes=");
        KernelLog.WriteDecimal((long)liveBytes);
        KernelLog.Write(" heap-bytes=");
        KernelLog.WriteDecimal((long)heapBytes);
        KernelLog.WriteLine();
    }

    public static void ReportIfRequested(ulong allocatedBytes)
    {
        if (!GcSettings.ReportStatistics)
            return;
        KernelLog.Write("gcstats collections=");
        KernelLog.WriteDecimal(CollectionCount);
        KernelLog.Write(" full-collections=");
        KernelLog.WriteDecimal(FullCollectionCount);
        KernelLog.Write(" pause-total-us=");
        KernelLog.WriteDecimal((long)(s_pauses.TotalNanoseconds / 1000));
        KernelLog.Write(" pause-max-us=");
        KernelLog.WriteDecimal((long)(s_pauses.MaxNanoseconds / 1000));
        KernelLog.Write(" pause-p99-us=");
        KernelLog.WriteDecimal((long)(s_pauses.Percentile(99) / 1000));
        KernelLog.Write(" pause-p50-us=");
        KernelLog.WriteDecimal((long)(s_pauses.Percentile(50) / 1000));
        KernelLog.Write(" heap-peak-bytes=");
        KernelLog.WriteDecimal((long)PeakHeapBytes);
        KernelLog.Write(" live-bytes=");
        KernelLog.WriteDecimal((long)LiveBytesAfterLastCollection);
        KernelLog.Write(" allocated-bytes=");
        KernelLog.WriteDecimal((long)allocatedBytes);
        KernelLog.WriteLine();
    }
}
