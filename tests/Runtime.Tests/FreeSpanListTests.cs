using Minnow.Runtime.Collection;

namespace Minnow.Runtime.Tests;

public sealed unsafe class FreeSpanListTests : IDisposable
{
    private readonly NativeBlock _memory = new(64 * 1024, 64, fill: 0xAB);

    public void Dispose() => _memory.Dispose();

    private static bool IsZero(byte* start, ulong length) => new ReadOnlySpan<byte>(start, (int)length).IndexOfAnyExcept((byte)0) < 0;

    [Fact]
    public void TakeCarvesZeroedRegionsOffTheSpanEnd()
    {
        var list = new FreeSpanList();
        list.Reset();
        Assert.True(list.Add(_memory.Start, 16 * 1024, dirty: true));
        Assert.True(list.Take(100, 4096, 0, out byte* region, out ulong size));
        Assert.Equal(4096UL, size);
        Assert.True(region == _memory.Start + 12 * 1024);
        Assert.True(IsZero(region, size));
        Assert.Equal(12UL * 1024, list.TotalBytes);
        // The span's untouched part is still dirty: nothing outside the region was cleared.
        Assert.Equal(0xAB, _memory.Start[12 * 1024 - 1]);
    }

    private static bool InFirstHalf(byte* span) => span < s_half;
    private static byte* s_half;

    [Fact]
    public void RetainKeepsOnlyTheChosenSpans()
    {
        var list = new FreeSpanList();
        list.Reset();
        for (int i = 0; i < 8; i++)
            Assert.True(list.Add(_memory.Start + i * 8192, 128 + (ulong)i * 1024, dirty: false));
        s_half = _memory.Start + 32 * 1024;
        list.Retain(&InFirstHalf);
        Assert.Equal(4UL, list.Count);
        Assert.Equal(4 * 128UL + (0 + 1 + 2 + 3) * 1024UL, list.TotalBytes);
        // What is left can still be taken, and only from the first half.
        while (list.Take(64, 64, 0, out byte* region, out _))
            Assert.True(region < s_half);
        Assert.Equal(0UL, list.Count);
    }

    [Fact]
    public void SpansBelowTheMinimumAreNotKept()
    {
        var list = new FreeSpanList();
        list.Reset();
        Assert.False(list.Add(_memory.Start, FreeSpanList.MinimumSpan - 8, dirty: true));
        Assert.Equal(0UL, list.TotalBytes);
        Assert.False(list.Take(24, 24, 0, out _, out _));
    }

    [Fact]
    public void ARemainderTooSmallToKeepGoesWithTheRegion()
    {
        var list = new FreeSpanList();
        list.Reset();
        list.Add(_memory.Start, 4096 + 32, dirty: true);
        Assert.True(list.Take(64, 4096, 0, out byte* region, out ulong size));
        Assert.True(region == _memory.Start);
        Assert.Equal(4096UL + 32, size);
        Assert.Equal(0UL, list.Count);
    }

    [Fact]
    public void CleanSpansOnlyLoseTheirHeader()
    {
        new Span<byte>(_memory.Start, 1024).Clear();
        var list = new FreeSpanList();
        list.Reset();
        list.Add(_memory.Start, 1024, dirty: false);
        Assert.True(list.Take(1024, 1024, 0, out byte* region, out ulong size));
        Assert.True(region == _memory.Start && size == 1024);
        Assert.True(IsZero(region, size));
    }

    [Fact]
    public void LargeRequestsSkipSpansTooSmall()
    {
        var list = new FreeSpanList();
        list.Reset();
        list.Add(_memory.Start, 512, dirty: true);
        list.Add(_memory.Start + 1024, 700, dirty: true);
        list.Add(_memory.Start + 4096, 8192, dirty: true);
        Assert.True(list.Take(600, 600, 600, out byte* region, out ulong size));
        Assert.True(size >= 600);
        Assert.True(region >= _memory.Start + 1024 && region + size <= _memory.Start + 1024 + 700);
        Assert.True(list.Take(3000, 3000, 3000, out region, out size));
        Assert.True(region >= _memory.Start + 4096 && region + size <= _memory.Start + 4096 + 8192);
        Assert.False(list.Take(6000, 6000, 6000, out _, out _));
    }

    [Fact]
    public void PreferredSpansAreUsedBeforeSmallFragments()
    {
        var list = new FreeSpanList();
        list.Reset();
        list.Add(_memory.Start, 128, dirty: true);
        list.Add(_memory.Start + 8192, 8192, dirty: true);
        Assert.True(list.Take(32, 1024, 1024, out byte* region, out _));
        Assert.True(region >= _memory.Start + 8192);
        // With only the fragment left... it is used once nothing larger remains.
        while (list.Take(32, 8192, 1024, out region, out _) && region >= _memory.Start + 8192) { }
        Assert.True(region == _memory.Start);
    }

    [Fact]
    public void TotalsTrackEveryTake()
    {
        var list = new FreeSpanList();
        list.Reset();
        ulong added = 0;
        for (int i = 0; i < 8; i++)
        {
            list.Add(_memory.Start + i * 8192, 4096 + (ulong)i * 256, dirty: true);
            added += 4096 + (ulong)i * 256;
        }
        ulong taken = 0;
        while (list.Take(48, 1000, 0, out byte* region, out ulong size))
        {
            Assert.True(IsZero(region, size));
            taken += size;
        }
        Assert.Equal(added, taken);
        Assert.Equal(0UL, list.TotalBytes);
    }
}
