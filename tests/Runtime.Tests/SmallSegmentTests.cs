using Minnow.Runtime.Allocation;
using Minnow.Runtime.Collection;

namespace Minnow.Runtime.Tests;

public sealed unsafe class SmallSegmentTests : IDisposable
{
    private readonly NativeBlock _memory = new(SmallSegment.Size, SmallSegment.Size, fill: 0);
    private readonly SyntheticTypes _types = new();
    private readonly SmallSegment* _segment;
    private byte* _next;

    public SmallSegmentTests()
    {
        _segment = SmallSegment.Format(_memory.Start);
        _next = SmallSegment.DataStart(_segment);
    }

    public void Dispose()
    {
        _types.Dispose();
        _memory.Dispose();
    }

    /// <summary>Bump-allocates an object the way the heap does: start bit, then the MethodTable.</summary>
    private byte* Allocate(byte* methodTable, ulong size, uint length = 0)
    {
        byte* unit = _next;
        _next += size;
        SmallSegment.RecordAllocation(_segment, unit);
        byte* obj = unit + ObjectLayout.HeaderSize;
        *(byte**)obj = methodTable;
        *(uint*)(obj + ObjectLayout.LengthOffset) = length;
        return obj;
    }

    [Fact]
    public void LayoutFitsTheSegment()
    {
        Assert.Equal(SmallSegment.Size, SmallSegment.DataOffset + SmallSegment.DataBytes);
        Assert.True(SmallSegment.Containing(SmallSegment.DataEnd(_segment) - 1) == _segment);
        Assert.True(SmallSegment.Containing(SmallSegment.DataStart(_segment) + 12345) == _segment);
    }

    [Fact]
    public void FindObjectResolvesInteriorPointersAndRejectsGaps()
    {
        byte* type = _types.Plain(48);
        byte* a = Allocate(type, 48);
        byte* b = Allocate(type, 48);
        _next += 64;                                    // a gap nobody allocated
        byte* c = Allocate(_types.PrimitiveArray(1), 24 + 104, length: 100);

        Assert.True(SmallSegment.FindObject(_segment, a, 32768) == a);
        Assert.True(SmallSegment.FindObject(_segment, a - 8, 32768) == a);        // the header word
        Assert.True(SmallSegment.FindObject(_segment, a + 39, 32768) == a);
        Assert.True(SmallSegment.FindObject(_segment, a + 40, 32768) == b);       // b's header word
        Assert.True(SmallSegment.FindObject(_segment, b + 47, 32768) == null);    // into the gap
        Assert.True(SmallSegment.FindObject(_segment, c + 100, 32768) == c);
        Assert.True(SmallSegment.FindObject(_segment, c + 120, 32768) == null);   // past c's end
        Assert.True(SmallSegment.FindObject(_segment, (byte*)_segment + 16, 32768) == null);  // the header
        Assert.True(SmallSegment.IsObject(_segment, b));
        Assert.False(SmallSegment.IsObject(_segment, b + 8));
    }

    [Fact]
    public void SweepKeepsMarkedObjectsAndFreesTheGaps()
    {
        byte* type = _types.Plain(32);
        var objects = new List<nint>();
        for (int i = 0; i < 100; i++)
            objects.Add((nint)Allocate(type, 32));
        var freeSpans = new FreeSpanList();
        freeSpans.Reset();
        // Mark every third object.
        for (int i = 0; i < objects.Count; i += 3)
            Assert.True(SmallSegment.TryMark(_segment, (byte*)objects[i]));
        Assert.False(SmallSegment.TryMark(_segment, (byte*)objects[0]));

        ulong live = SmallSegment.Sweep(_segment, ref freeSpans);

        Assert.Equal(34UL * 32, live);
        for (int i = 0; i < objects.Count; i++)
            Assert.Equal(i % 3 == 0, SmallSegment.IsObject(_segment, (byte*)objects[i]));
        // Dead objects no longer resolve, even from an interior pointer.
        Assert.True(SmallSegment.FindObject(_segment, (byte*)objects[1] + 4, 32768) == null);
        // Gaps of two dead objects (64 bytes) and the rest of the segment are free.
        Assert.Equal(SmallSegment.DataBytes - live, freeSpans.TotalBytes);
        Assert.Equal(33UL + 1, freeSpans.Count);
    }

    [Fact]
    public void ARegionSweepFreesOnlyTheRegionsUnmarkedObjects()
    {
        // Old objects (marked by an earlier collection) around a region of young ones; the region
        // starts and ends inside bitmap words shared with the old objects.
        byte* type = _types.Plain(24);
        var before = new List<nint>();
        for (int i = 0; i < 5; i++)
        {
            before.Add((nint)Allocate(type, 24));
            SmallSegment.TryMark(_segment, (byte*)before[^1]);
        }
        byte* regionStart = _next;
        var young = new List<nint>();
        for (int i = 0; i < 40; i++)
            young.Add((nint)Allocate(type, 24));
        byte* regionEnd = _next;
        var after = new List<nint>();
        for (int i = 0; i < 5; i++)
            after.Add((nint)Allocate(type, 24));            // unmarked, but outside the region
        // Young survivors: 0, 1 (touching), 10, 39 (the region's last object).
        foreach (int i in new[] { 0, 1, 10, 39 })
            SmallSegment.TryMark(_segment, (byte*)young[i]);
        _segment->LiveBytes = 5 * 24;
        var freeSpans = new FreeSpanList();
        freeSpans.Reset();

        ulong live = SmallSegment.SweepRegion(_segment, regionStart, (ulong)(regionEnd - regionStart), ref freeSpans);

        Assert.Equal(4UL * 24, live);
        Assert.Equal(9UL * 24, _segment->LiveBytes);
        foreach (nint obj in before)
            Assert.True(SmallSegment.IsObject(_segment, (byte*)obj));
        foreach (nint obj in after)
            Assert.True(SmallSegment.IsObject(_segment, (byte*)obj));   // not this sweep's business
        for (int i = 0; i < young.Count; i++)
            Assert.Equal(i is 0 or 1 or 10 or 39, SmallSegment.IsObject(_segment, (byte*)young[i]));
        // The gaps: young 2..9 (192 bytes) and 11..38 (672 bytes); nothing outside the region.
        Assert.Equal(2UL, freeSpans.Count);
        Assert.Equal(8UL * 24 + 28UL * 24, freeSpans.TotalBytes);
    }

    [Fact]
    public void ARegionWithoutSurvivorsBecomesOneSpan()
    {
        byte* type = _types.Plain(32);
        byte* regionStart = _next;
        for (int i = 0; i < 20; i++)
            Allocate(type, 32);
        ulong bytes = (ulong)(_next - regionStart) + 64;    // with the context's unused tail
        var freeSpans = new FreeSpanList();
        freeSpans.Reset();
        Assert.Equal(0UL, SmallSegment.SweepRegion(_segment, regionStart, bytes, ref freeSpans));
        Assert.Equal(1UL, freeSpans.Count);
        Assert.Equal(bytes, freeSpans.TotalBytes);
        Assert.True(SmallSegment.FindObject(_segment, regionStart + 8, 32768) == null);
    }

    [Fact]
    public void TryMarkObjectMarksObjectsOnceAndRefusesEverythingElse()
    {
        byte* type = _types.Plain(32);
        byte* a = Allocate(type, 32);
        byte* b = Allocate(type, 32);
        Assert.Equal(1, SmallSegment.TryMarkObject(_segment, a));
        Assert.Equal(0, SmallSegment.TryMarkObject(_segment, a));
        Assert.True(SmallSegment.IsMarked(_segment, a));
        Assert.False(SmallSegment.IsMarked(_segment, b));
        Assert.Equal(-1, SmallSegment.TryMarkObject(_segment, a + 8));        // inside a
        Assert.Equal(-1, SmallSegment.TryMarkObject(_segment, a + 3));        // misaligned
        Assert.Equal(-1, SmallSegment.TryMarkObject(_segment, _next + 64));   // free memory
        Assert.Equal(-1, SmallSegment.TryMarkObject(_segment, (byte*)_segment + 16));   // the header
        Assert.Equal(-1, SmallSegment.TryMarkObject(_segment, SmallSegment.DataEnd(_segment) + 8));
        Assert.Equal(1, SmallSegment.TryMarkObject(_segment, b));
    }

    [Fact]
    public void SweepOfAnEmptySegmentReportsNothingLive()
    {
        Allocate(_types.Plain(64), 64);
        var freeSpans = new FreeSpanList();
        freeSpans.Reset();
        Assert.Equal(0UL, SmallSegment.Sweep(_segment, ref freeSpans));
        Assert.Equal(0UL, freeSpans.Count);
        Assert.True(SmallSegment.FindObject(_segment, SmallSegment.DataStart(_segment) + 8, 32768) == null);
    }

    [Fact]
    public void MarkBitsSurviveTheSweepUntilCleared()
    {
        byte* obj = Allocate(_types.Plain(24), 24);
        byte* dead = Allocate(_types.Plain(24), 24);
        SmallSegment.TryMark(_segment, obj);
        var freeSpans = new FreeSpanList();
        freeSpans.Reset();
        SmallSegment.Sweep(_segment, ref freeSpans);
        Assert.True(SmallSegment.IsMarked(_segment, obj));
        Assert.False(SmallSegment.IsMarked(_segment, dead));
        SmallSegment.ClearMarks(_segment);
        Assert.False(SmallSegment.IsMarked(_segment, obj));
    }

    [Fact]
    public void VisitObjectsWalksInAddressOrder()
    {
        byte* type = _types.Plain(40);
        var expected = new List<long>();
        for (int i = 0; i < 10; i++)
        {
            byte* obj = Allocate(type, 40);
            expected.Add(obj - _memory.Start);
            if (i % 2 == 0)
                SmallSegment.TryMark(_segment, obj);
        }
        var all = new ObjectRecorder(_memory.Start);
        SmallSegment.VisitObjects(_segment, markedOnly: false, ref all);
        Assert.Equal(expected, all.Offsets);
        var marked = new ObjectRecorder(_memory.Start);
        SmallSegment.VisitObjects(_segment, markedOnly: true, ref marked);
        Assert.Equal(expected.Where((_, i) => i % 2 == 0), marked.Offsets);
    }

    private struct ObjectRecorder(byte* origin) : IObjectVisitor
    {
        private readonly byte* _origin = origin;

        public List<long> Offsets { get; } = new();

        public void Visit(byte* obj) => Offsets.Add(obj - _origin);
    }
}
