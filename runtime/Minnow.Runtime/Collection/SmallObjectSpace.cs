using System.Runtime.CompilerServices;
using Minnow.Kernel.Memory;
using Minnow.Runtime.Memory;

namespace Minnow.Runtime.Collection;

/// <summary>
/// The segments that hold objects under <see cref="LargeObjectSpace.Threshold"/> bytes, their free
/// spans, and a membership bitmap (one bit per 256 KiB of RAM, in the heap's alias of it) that says
/// whether an address lies in a segment: with the segments' alignment that is all it takes to map any word to
/// its segment, which the marker does for every reference and every stack word.
/// </summary>
internal static unsafe class SmallObjectSpace
{
    private const ulong SegmentPages = SmallSegment.Size / PhysicalMemory.PageSize;

    private static SmallSegment* s_segments;
    private static SmallSegment* s_emptySegments;
    private static ulong s_segmentCount;
    private static ulong* s_membership;
    private static ulong s_membershipBits;

    // The regions the allocator carved since the last collection, {start, bytes} pairs: a young
    // sweep visits just these. When more were carved than the log holds, the young sweep falls back
    // to sweeping every segment that was allocated from.
    private const ulong RegionLogCapacity = 8192;
    private static ulong* s_regionLog;
    private static ulong s_regionCount;
    private static bool s_regionLogOverflowed;
    private static ulong s_liveBytes;

    /// <summary>Free memory of the segments, for the allocator to carve from.</summary>
    public static FreeSpanList FreeSpans;

    public static ulong SegmentBytes => s_segmentCount * SmallSegment.Size;

    /// <summary>The first segment of the heap; the others follow through <see cref="SmallSegment.Next"/>.</summary>
    public static SmallSegment* FirstSegment => s_segments;

    public static bool Initialize()
    {
        if (!HeapAddressSpace.Initialize())
            return false;
        s_membershipBits = (PhysicalMemory.HighestAddress + SmallSegment.Size - 1) / SmallSegment.Size;
        s_membership = (ulong*)NativeHeap.AllocateZeroed((nuint)((s_membershipBits + 63) / 64), sizeof(ulong));
        s_regionLog = (ulong*)NativeHeap.AllocateZeroed((nuint)(RegionLogCapacity * 2), sizeof(ulong));
        FreeSpans.Reset();
        return s_membership != null && s_regionLog != null;
    }

    /// <summary>Takes a fresh segment from the page allocator; its whole data area becomes one clean span.</summary>
    public static bool AddSegment()
    {
        ulong physical = PhysicalMemory.AllocateAlignedPages(SegmentPages, SegmentPages);
        if (physical == 0)
            return false;
        SmallSegment* segment = SmallSegment.Format((void*)HeapAddressSpace.FromPhysical(physical));
        segment->Next = s_segments;
        s_segments = segment;
        s_segmentCount++;
        Membership().Set(physical / SmallSegment.Size);
        FreeSpans.Add(SmallSegment.DataStart(segment), SmallSegment.DataBytes, dirty: false);
        return true;
    }

    /// <summary>The allocator took [<paramref name="region"/>, + <paramref name="bytes"/>) from the free spans for new objects.</summary>
    public static void NoteAllocatedRegion(byte* region, ulong bytes)
    {
        SmallSegment.Containing(region)->AllocatedSinceCollection = 1;
        if (s_regionCount == RegionLogCapacity)
        {
            s_regionLogOverflowed = true;
            return;
        }
        s_regionLog[s_regionCount * 2] = (ulong)region;
        s_regionLog[s_regionCount * 2 + 1] = bytes;
        s_regionCount++;
    }

    /// <summary>The segment containing <paramref name="address"/>, or null when it is not in one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SmallSegment* SegmentOf(nuint address)
    {
        ulong block = HeapAddressSpace.ToPhysical(address) / SmallSegment.Size;
        if (block >= s_membershipBits || !Membership().IsSet(block))
            return null;
        return SmallSegment.Containing((void*)address);
    }

    public static void ClearMarks()
    {
        for (SmallSegment* s = s_segments; s != null; s = s->Next)
            SmallSegment.ClearMarks(s);
    }

    /// <summary>
    /// Sweeps and returns the bytes that survived. After a full collection every segment is swept
    /// and the free spans rebuilt; segments where nothing survived are set aside for
    /// <see cref="SettleEmptySegments"/>. After a young one only young objects can have died, and
    /// they all lie in the regions carved since the last collection: those are swept and their gaps
    /// added to the free spans, which otherwise stay as they are (or, when the region log overflowed
    /// or <paramref name="wholeSegments"/> asks for it, the segments allocated from are swept whole).
    /// </summary>
    public static ulong Sweep(bool young, bool wholeSegments)
    {
        bool logged = young && !s_regionLogOverflowed && !wholeSegments;
        ulong regions = s_regionCount;
        s_regionCount = 0;
        s_regionLogOverflowed = false;
        if (logged)
        {
            ulong survived = 0;
            for (ulong i = 0; i < regions; i++)
            {
                var region = (byte*)s_regionLog[i * 2];
                SmallSegment* segment = SmallSegment.Containing(region);
                segment->AllocatedSinceCollection = 0;
                survived += SmallSegment.SweepRegion(segment, region, s_regionLog[i * 2 + 1], ref FreeSpans);
            }
            s_liveBytes += survived;
            return s_liveBytes;
        }
        s_liveBytes = SweepSegments(young);
        return s_liveBytes;
    }

    // Whole segments: all of them, or (young) those allocated from since the last collection, whose
    // free spans are dropped and rebuilt while the others' stay.
    private static ulong SweepSegments(bool young)
    {
        if (young)
            FreeSpans.Retain(&InUntouchedSegment);
        else
            FreeSpans.Reset();
        ulong live = 0;
        SmallSegment* kept = null;
        SmallSegment* next;
        for (SmallSegment* s = s_segments; s != null; s = next)
        {
            next = s->Next;
            if (young && s->AllocatedSinceCollection == 0)
            {
                live += s->LiveBytes;
                s->Next = kept;
                kept = s;
                continue;
            }
            ulong segmentLive = SmallSegment.Sweep(s, ref FreeSpans);
            live += segmentLive;
            if (segmentLive == 0)
            {
                s->Next = s_emptySegments;
                s_emptySegments = s;
            }
            else
            {
                s->Next = kept;
                kept = s;
            }
        }
        s_segments = kept;
        return live;
    }

    /// <summary>
    /// Keeps empty segments as free space while the heap has less than <paramref name="retainFreeBytes"/>
    /// free, and returns the others to the page allocator (so large objects and other users get them).
    /// </summary>
    public static void SettleEmptySegments(ulong retainFreeBytes)
    {
        SmallSegment* next;
        for (SmallSegment* s = s_emptySegments; s != null; s = next)
        {
            next = s->Next;
            if (FreeSpans.TotalBytes + SmallSegment.DataBytes <= retainFreeBytes)
            {
                s->Next = s_segments;
                s_segments = s;
                FreeSpans.Add(SmallSegment.DataStart(s), SmallSegment.DataBytes, dirty: true);
            }
            else
            {
                ulong physical = HeapAddressSpace.ToPhysical((ulong)s);
                Membership().Clear(physical / SmallSegment.Size);
                s_segmentCount--;
                PhysicalMemory.FreePages(physical, SegmentPages);
            }
        }
        s_emptySegments = null;
    }

    private static bool InUntouchedSegment(byte* span) => SmallSegment.Containing(span)->AllocatedSinceCollection == 0;

    public static void VisitObjects<TVisitor>(bool markedOnly, ref TVisitor visitor) where TVisitor : struct, IObjectVisitor
    {
        for (SmallSegment* s = s_segments; s != null; s = s->Next)
            SmallSegment.VisitObjects(s, markedOnly, ref visitor);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static HeapBitmap Membership() => new(s_membership);
}
