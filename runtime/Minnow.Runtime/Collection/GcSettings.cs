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

    /// <summary>
    /// Bytes allocated between collections at the least: a sixteenth of RAM, between 1 and 16 MiB.
    /// The budget grows with the live heap (see <see cref="NextBudget"/>).
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
        ulong budget = PhysicalMemory.TotalBytes / 16;
        MinimumBudget = budget < (1UL << 20) ? 1UL << 20 : budget > (16UL << 20) ? 16UL << 20 : budget;
    }

    /// <summary>How much may be allocated before the next collection: as much again as survived, at least the minimum.</summary>
    public static ulong NextBudget(ulong liveBytes) => liveBytes > MinimumBudget ? liveBytes : MinimumBudget;

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
