using System.Numerics;
using Minnow.Runtime.Allocation;

namespace Minnow.Runtime.Collection;

/// <summary>
/// The young collection's extra roots: the references old objects got since the last collection,
/// found through the dirty cards of <see cref="CardTable"/>. Old means marked: marks stay set after a
/// sweep, so at the start of a young collection exactly the objects that survived an earlier one are
/// marked, and marking from the roots stops at them instead of tracing the old graph again. A small
/// old object with a dirty card is traced whole (at most 32 KiB); a large one only through its slots in
/// dirty cards. Either way each card is cleaned afterwards: once the collection is over every survivor
/// is old, and a reference between old objects needs no card.
/// </summary>
internal static unsafe class RememberedSet
{
    /// <summary>Young collection: marks what old objects in dirty cards refer to and cleans every card of the heap.</summary>
    public static void MarkFromDirtyCards()
    {
        for (SmallSegment* s = SmallObjectSpace.FirstSegment; s != null; s = s->Next)
            ScanSegment(s);
        var large = new LargeObjectScanner();
        LargeObjectSpace.VisitObjects(markedOnly: false, ref large);
    }

    /// <summary>Full collection: it traces everything anyway, so the cards are only cleaned.</summary>
    public static void Forget()
    {
        for (SmallSegment* s = SmallObjectSpace.FirstSegment; s != null; s = s->Next)
            CardTable.Clear((ulong)SmallSegment.DataStart(s), SmallSegment.DataBytes);
        var large = new LargeObjectCleaner();
        LargeObjectSpace.VisitObjects(markedOnly: false, ref large);
    }

    // One pass over the segment's cards and bitmap words together (a card is 64 granules, one word
    // of each bitmap: the data area starts on a card boundary). A dirty card's old objects are those
    // starting in it plus, when no object starts at its first granule, the last object starting
    // before it if that one is old and reaches into the card: the pass keeps track of that last start.
    private static void ScanSegment(SmallSegment* segment)
    {
        ulong data = (ulong)SmallSegment.DataStart(segment);
        byte* cards = CardTable.CardOf(data);
        const ulong cardCount = SmallSegment.DataBytes / CardTable.CardBytes;
        bool any = false;
        for (ulong i = 0; i < cardCount; i += 8)
        {
            if (*(ulong*)(cards + i) != 0)
            {
                any = true;
                break;
            }
        }
        if (!any)
            return;

        ulong* starts = SmallSegment.Starts(segment).Words;
        ulong* marks = SmallSegment.Marks(segment).Words;
        long lastStart = -1;
        bool lastStartOld = false;
        byte* lastTraced = null;
        for (ulong w = 0; w < cardCount; w++)
        {
            ulong startBits = starts[w];
            if (cards[w] != 0)
            {
                if ((startBits & 1) == 0 && lastStart >= 0 && lastStartOld)
                {
                    byte* obj = (byte*)data + (ulong)lastStart * 8 + ObjectLayout.HeaderSize;
                    if (obj - ObjectLayout.HeaderSize + ObjectLayout.ObjectSize(obj) > (byte*)data + w * CardTable.CardBytes)
                        Trace(obj, ref lastTraced);
                }
                for (ulong old = startBits & marks[w]; old != 0; old &= old - 1)
                    Trace((byte*)data + (w * 64 + (ulong)BitOperations.TrailingZeroCount(old)) * 8 + ObjectLayout.HeaderSize, ref lastTraced);
            }
            if (startBits != 0)
            {
                int bit = 63 - BitOperations.LeadingZeroCount(startBits);
                lastStart = (long)(w * 64) + bit;
                lastStartOld = (marks[w] & (1UL << bit)) != 0;
            }
        }
        CardTable.Clear(data, SmallSegment.DataBytes);
    }

    private static void Trace(byte* obj, ref byte* lastTraced)
    {
        if (obj == lastTraced)
            return;
        lastTraced = obj;
        Marker.MarkReferencesOf(obj);
    }

    private struct LargeObjectScanner : IObjectVisitor
    {
        public void Visit(byte* obj)
        {
            ulong start = LargeObjectSpace.PagesOf(obj, out ulong bytes);
            if (!CardTable.AnyDirty(start, bytes))
                return;
            if (LargeObjectSpace.IsMarked(obj))
                Marker.MarkReferencesInDirtyCards(obj);
            CardTable.Clear(start, bytes);
        }
    }

    private struct LargeObjectCleaner : IObjectVisitor
    {
        public void Visit(byte* obj)
        {
            ulong start = LargeObjectSpace.PagesOf(obj, out ulong bytes);
            CardTable.Clear(start, bytes);
        }
    }
}
