using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Minnow.Runtime.Allocation;

namespace Minnow.Runtime.Collection;

/// <summary>
/// A 256 KiB block of small objects, aligned to its size so masking any address inside finds it.
/// Its first 8 KiB hold this header and two bitmaps over the data area, one bit per 8-byte granule:
/// where allocated objects start (their header word) and which objects the last mark reached. The
/// start map is what makes conservative stack scanning safe: a word that points into a free gap, or
/// at a dead object the sweep removed, finds no start and is ignored; an interior pointer finds the
/// start below it. After a sweep the mark bits are exactly the survivors of that collection (kept
/// until the next mark clears them). Pure: the host tests build segments in ordinary memory.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SmallSegment
{
    public const ulong Size = 256 * 1024;
    public const ulong DataOffset = 8192;
    public const ulong DataBytes = Size - DataOffset;
    public const ulong Granules = DataBytes / 8;
    public const ulong BitmapWords = Granules / 64;
    private const ulong StartBitmapOffset = 64;
    private const ulong MarkBitmapOffset = StartBitmapOffset + BitmapWords * 8;

    /// <summary>The next segment of the heap's list.</summary>
    public SmallSegment* Next;

    /// <summary>Bytes of objects the last sweep found alive here.</summary>
    public ulong LiveBytes;

    /// <summary>
    /// Nonzero once the allocator took memory from this segment since the last collection. A young
    /// collection skips the sweep of a segment without it: all its objects are old, nothing there can die.
    /// </summary>
    public ulong AllocatedSinceCollection;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SmallSegment* Containing(void* address) => (SmallSegment*)((ulong)address & ~(Size - 1));

    /// <summary>Makes <paramref name="memory"/> (Size bytes, Size-aligned, zeroed) an empty segment.</summary>
    public static SmallSegment* Format(void* memory)
    {
        var segment = (SmallSegment*)memory;
        segment->Next = null;
        segment->LiveBytes = 0;
        segment->AllocatedSinceCollection = 0;
        return segment;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte* DataStart(SmallSegment* segment) => (byte*)segment + DataOffset;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte* DataEnd(SmallSegment* segment) => (byte*)segment + Size;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HeapBitmap Starts(SmallSegment* segment) => new((ulong*)((byte*)segment + StartBitmapOffset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HeapBitmap Marks(SmallSegment* segment) => new((ulong*)((byte*)segment + MarkBitmapOffset));

    /// <summary>Records an object whose header word (the start of its memory) is at <paramref name="unit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RecordAllocation(SmallSegment* segment, byte* unit) => Starts(segment).Set(Granule(segment, unit));

    /// <summary>True when <paramref name="obj"/> is exactly an allocated object's reference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsObject(SmallSegment* segment, byte* obj)
    {
        byte* unit = obj - ObjectLayout.HeaderSize;
        return unit >= DataStart(segment) && unit < DataEnd(segment) && ((ulong)unit & 7) == 0 && Starts(segment).IsSet(Granule(segment, unit));
    }

    /// <summary>
    /// The object whose memory (header word included) contains <paramref name="address"/>, or null.
    /// No object is larger than <paramref name="maximumObjectSize"/>, which bounds the search.
    /// </summary>
    public static byte* FindObject(SmallSegment* segment, byte* address, ulong maximumObjectSize)
    {
        byte* data = DataStart(segment);
        if (address < data || address >= DataEnd(segment))
            return null;
        ulong granule = Granule(segment, address);
        ulong span = maximumObjectSize / 8;
        long start = Starts(segment).FindPreviousSet(granule, granule > span ? granule - span : 0);
        if (start < 0)
            return null;
        byte* unit = data + (ulong)start * 8;
        byte* obj = unit + ObjectLayout.HeaderSize;
        return address < unit + ObjectLayout.ObjectSize(obj) ? obj : null;
    }

    /// <summary>
    /// <see cref="IsObject"/> and <see cref="TryMark"/> in one step, for the marker's hot path:
    /// 1 when <paramref name="obj"/> is an allocated object that this call marked, 0 when it was
    /// marked already, -1 when it is not an allocated object's reference.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TryMarkObject(SmallSegment* segment, byte* obj)
    {
        ulong offset = (ulong)(obj - ObjectLayout.HeaderSize - DataStart(segment));
        if (offset >= DataBytes || (offset & 7) != 0)
            return -1;
        ulong granule = offset >> 3;
        ulong bit = 1UL << (int)(granule & 63);
        ulong word = granule >> 6;
        if ((Starts(segment).Words[word] & bit) == 0)
            return -1;
        ulong* marks = Marks(segment).Words + word;
        if ((*marks & bit) != 0)
            return 0;
        *marks |= bit;
        return 1;
    }

    /// <summary>Marks <paramref name="obj"/> (an object of this segment); false when it already was.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryMark(SmallSegment* segment, byte* obj) => Marks(segment).TrySet(Granule(segment, obj - ObjectLayout.HeaderSize));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsMarked(SmallSegment* segment, byte* obj) => Marks(segment).IsSet(Granule(segment, obj - ObjectLayout.HeaderSize));

    public static void ClearMarks(SmallSegment* segment) => Marks(segment).ClearWords(BitmapWords);

    /// <summary>
    /// Frees every allocated object the mark did not reach (its start bit goes) and hands the gaps
    /// between survivors to <paramref name="freeSpans"/> as dirty spans, unless nothing survived: then
    /// nothing is added and the caller decides what becomes of the empty segment. Returns the live bytes.
    /// </summary>
    public static ulong Sweep(SmallSegment* segment, ref FreeSpanList freeSpans)
    {
        ulong* starts = Starts(segment).Words;
        ulong* marks = Marks(segment).Words;
        byte* data = DataStart(segment);
        byte* gapStart = data;
        ulong live = 0;
        segment->AllocatedSinceCollection = 0;
        for (ulong w = 0; w < BitmapWords; w++)
        {
            ulong survivors = starts[w] & marks[w];
            starts[w] = survivors;
            live += FreeGapsBefore(data + w * 64 * 8, survivors, ref gapStart, ref freeSpans);
        }
        segment->LiveBytes = live;
        if (live != 0 && DataEnd(segment) > gapStart)
            freeSpans.Add(gapStart, (ulong)(DataEnd(segment) - gapStart), dirty: true);
        return live;
    }

    /// <summary>
    /// The young sweep of one region the allocator carved from a free span since the last
    /// collection (so every object starting in it is young): unmarked objects there are freed, and
    /// the gaps between the survivors become free spans. Objects outside the region are left alone;
    /// gaps are not merged with free memory beyond the region (the next full sweep does that).
    /// Returns the live bytes in the region.
    /// </summary>
    public static ulong SweepRegion(SmallSegment* segment, byte* start, ulong bytes, ref FreeSpanList freeSpans)
    {
        ulong* starts = Starts(segment).Words;
        ulong* marks = Marks(segment).Words;
        byte* data = DataStart(segment);
        ulong first = Granule(segment, start);
        ulong last = first + bytes / 8 - 1;
        byte* gapStart = start;
        ulong live = 0;
        for (ulong w = first >> 6; w <= last >> 6; w++)
        {
            ulong inRegion = ulong.MaxValue;
            if (w == first >> 6)
                inRegion &= ulong.MaxValue << (int)(first & 63);
            if (w == last >> 6)
                inRegion &= ulong.MaxValue >> (63 - (int)(last & 63));
            ulong survivors = starts[w] & inRegion & marks[w];
            starts[w] = (starts[w] & ~inRegion) | survivors;
            live += FreeGapsBefore(data + w * 64 * 8, survivors, ref gapStart, ref freeSpans);
        }
        if (start + bytes > gapStart)
            freeSpans.Add(gapStart, (ulong)(start + bytes - gapStart), dirty: true);
        segment->LiveBytes += live;
        return live;
    }

    // The survivors of one bitmap word (granule 0 at wordData), in address order: the gap between
    // gapStart and each becomes a free span, and gapStart moves past it. Returns their bytes.
    private static ulong FreeGapsBefore(byte* wordData, ulong survivors, ref byte* gapStart, ref FreeSpanList freeSpans)
    {
        ulong live = 0;
        for (; survivors != 0; survivors &= survivors - 1)
        {
            byte* unit = wordData + (ulong)BitOperations.TrailingZeroCount(survivors) * 8;
            ulong size = ObjectLayout.ObjectSize(unit + ObjectLayout.HeaderSize);
            if (unit > gapStart)
                freeSpans.Add(gapStart, (ulong)(unit - gapStart), dirty: true);
            live += size;
            gapStart = unit + size;
        }
        return live;
    }

    /// <summary>Calls <paramref name="visitor"/> for each allocated object, marked ones only if <paramref name="markedOnly"/>.</summary>
    public static void VisitObjects<TVisitor>(SmallSegment* segment, bool markedOnly, ref TVisitor visitor)
        where TVisitor : struct, IObjectVisitor
    {
        ulong* starts = Starts(segment).Words;
        ulong* marks = Marks(segment).Words;
        byte* data = DataStart(segment);
        for (ulong w = 0; w < BitmapWords; w++)
        {
            ulong bits = markedOnly ? starts[w] & marks[w] : starts[w];
            while (bits != 0)
            {
                visitor.Visit(data + (w * 64 + (ulong)BitOperations.TrailingZeroCount(bits)) * 8 + ObjectLayout.HeaderSize);
                bits &= bits - 1;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Granule(SmallSegment* segment, byte* address) => (ulong)(address - DataStart(segment)) >> 3;
}
