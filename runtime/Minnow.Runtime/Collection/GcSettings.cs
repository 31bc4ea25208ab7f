using Minnow.Kernel.Boot;
using Minnow.Kernel.Memory;

namespace Minnow.Runtime.Collection;

/// <summary>
/// The collector's kernel options (--kargs), read once when the heap starts:
/// <c>gcstress=N</c> collects on every Nth allocation (every allocation then takes the slow path),
/// <c>gcstats</c> logs collection counts and pause times at exit (<c>gcstats=verbose</c> also one line
/// per collection), <c>gcverify</c> checks the heap's
/// invariants after every collection (slow; for debugging the collector).
/// </summary>
internal static class GcSettings
{
    public static ulong StressInterval { get; private set; }
    public static bool ReportStatistics { get; private set; }
    public static bool VerboseStatistics { get; private set; }
    public static bool VerifyHeap { get; private set; }
    public static bool FullOnly { get; private set; }

    // A budget collection is a full one once the bytes that survived the last collection exceed this:
    // what survived the last full one, plus half as much again (at least half the minimum budget).
    // Zero until the first full collection.
    private static ulong s_oldLimit;
    private static ulong s_stressCollections;
    private static ulong s_stressYoungCollections;

    /// <summary>
    /// Bytes allocated between collections at the least: a sixteenth of RAM, between 1 and 16 MiB.
    /// The budget grows with the live heap (see <see cref="CollectionFinished"/>).
    /// </summary>
    public static ulong MinimumBudget { get; private set; }

    public static void Load()
    {
        var stress = CommandLine.Option("gcstress"u8, out bool found);
        StressInterval = found ? ParseDecimal(stress, fallback: 1) : 0;
        var statistics = CommandLine.Option("gcstats"u8, out bool statisticsFound);
        ReportStatistics = statisticsFound;
        VerboseStatistics = statistics.SequenceEqual("verbose"u8);
        VerifyHeap = CommandLine.HasOption("gcverify"u8);
        FullOnly = CommandLine.HasOption("gcfull"u8);
        ulong budget = PhysicalMemory.TotalBytes / 16;
        MinimumBudget = budget < (1UL << 20) ? 1UL << 20 : budget > (16UL << 20) ? 16UL << 20 : budget;
    }

    /// <summary>
    /// Whether a collection for <paramref name="reason"/> must be full, <paramref name="liveBytes"/>
    /// having survived the last one: when memory ran out, for GC.Collect, once the old generation
    /// outgrew its limit, for the first collection (with nothing old yet it costs what a young one
    /// would, and it sizes the limit), on every fourth collection under gcstress (so that both kinds
    /// run at thousands of points), and always with <c>gcfull</c>.
    /// </summary>
    public static bool NextIsFull(CollectionReason reason, ulong liveBytes)
    {
        if (FullOnly || reason == CollectionReason.OutOfMemory || reason == CollectionReason.Induced || s_oldLimit == 0)
            return true;
        if (reason == CollectionReason.Stress)
            return ++s_stressCollections % 4 == 0;
        return liveBytes > s_oldLimit;
    }

    /// <summary>
    /// Whether a young collection sweeps whole segments rather than the regions allocated since the
    /// last one: only when the region log overflowed, and under gcstress on every third young
    /// collection, so that path runs (and is checked by gcverify) too.
    /// </summary>
    public static bool SweepWholeSegments(bool young) => young && StressInterval != 0 && ++s_stressYoungCollections % 3 == 0;

    /// <summary>
    /// A collection ended with <paramref name="liveBytes"/> surviving: returns how much may be
    /// allocated before the next one. After a full collection, as much again as survived (at least
    /// the minimum), as before generations; after a young one, the minimum: a young collection's work
    /// follows what survives it, not the old heap.
    /// </summary>
    public static ulong CollectionFinished(bool young, ulong liveBytes)
    {
        if (young)
            return MinimumBudget;
        ulong growth = liveBytes / 2 > MinimumBudget / 2 ? liveBytes / 2 : MinimumBudget / 2;
        s_oldLimit = liveBytes + growth;
        return liveBytes > MinimumBudget ? liveBytes : MinimumBudget;
    }

    private static ulong ParseDecimal(ReadOnlySpan<byte> text, ulong fallback)
    {
        if (text.IsEmpty)
            return fallback;
        ulong value = 0;
        foreach (byte b in text)
        {
            if (b < '0' || b > '9' || value > ulong.MaxValue / 10)
                return fallback;
            value = value * 10 + (ulong)(b - '0');
        }
        return value == 0 ? fallback : value;
    }
}
