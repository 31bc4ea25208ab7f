using Minnow.Runtime.Collection;

namespace Minnow.Runtime.Tests;

public sealed class PauseHistogramTests
{
    [Fact]
    public void EmptyHistogramReportsZero()
    {
        var histogram = new PauseHistogram();
        Assert.Equal(0UL, histogram.Percentile(99));
        Assert.Equal(0UL, histogram.Count);
    }

    [Fact]
    public void PercentilesAreWithinASixteenthOfTheTruth()
    {
        var histogram = new PauseHistogram();
        var values = new List<ulong>();
        var random = new Random(7);
        for (int i = 0; i < 10_000; i++)
        {
            ulong v = (ulong)random.NextInt64(1_000, 50_000_000);
            values.Add(v);
            histogram.Record(v);
        }
        values.Sort();
        foreach (uint p in new uint[] { 50, 90, 99 })
        {
            ulong truth = values[(int)((values.Count * p + 99) / 100) - 1];
            ulong reported = histogram.Percentile(p);
            Assert.InRange(reported, truth, truth + truth / 16 + 1);
        }
        Assert.Equal(values[^1], histogram.MaxNanoseconds);
        Assert.Equal(values[^1], histogram.Percentile(100));
        Assert.Equal(10_000UL, histogram.Count);
        ulong total = 0;
        foreach (var v in values)
            total += v;
        Assert.Equal(total, histogram.TotalNanoseconds);
    }

    [Fact]
    public void SmallValuesAreExact()
    {
        var histogram = new PauseHistogram();
        for (ulong v = 0; v < 16; v++)
            histogram.Record(v);
        Assert.Equal(7UL, histogram.Percentile(50));
        Assert.Equal(15UL, histogram.Percentile(99));
    }

    [Fact]
    public void OneOutlierSetsTheMaximumButNotTheMedian()
    {
        var histogram = new PauseHistogram();
        for (int i = 0; i < 999; i++)
            histogram.Record(100_000);
        histogram.Record(900_000_000);
        Assert.InRange(histogram.Percentile(50), 100_000UL, 100_000UL + 100_000 / 16);
        Assert.InRange(histogram.Percentile(99), 100_000UL, 100_000UL + 100_000 / 16);
        Assert.Equal(900_000_000UL, histogram.MaxNanoseconds);
    }
}
