using System.Numerics;

namespace Minnow.Runtime.Collection;

/// <summary>
/// The free memory of the small-object segments after a sweep: spans kept in the free memory itself
/// ({next, size, dirty} at the span's start) on singly linked lists bucketed by powers of two.
/// Allocation carves regions off a span's end, so the span's header stays put until the span is used
/// up. Regions handed out are zeroed (the allocation fast path relies on it): spans the sweep made
/// from dead objects are dirty and cleared on the way out, spans of fresh pages only lose their header.
/// Pure: the host tests run it over arrays.
/// </summary>
internal unsafe struct FreeSpanList
{
    /// <summary>Gaps smaller than this stay unused until the next sweep: not worth a slow-path refill.</summary>
    public const ulong MinimumSpan = 64;
    private const int MinimumSpanLog2 = 6;
    private const int BucketCount = 16;
    // How deep the smallest bucket that may fit is searched (its spans are between 1x and 2x its base size).
    private const int ScanLimit = 8;

    private struct Span
    {
        public Span* Next;
        public ulong Size;
        public ulong Dirty;
    }

    private fixed ulong _heads[BucketCount];
    private ulong _totalBytes;
    private ulong _count;

    public readonly ulong TotalBytes => _totalBytes;

    public readonly ulong Count => _count;

    public void Reset()
    {
        for (int i = 0; i < BucketCount; i++)
            _heads[i] = 0;
        _totalBytes = 0;
        _count = 0;
    }

    /// <summary>Keeps only the spans for whose start <paramref name="keep"/> says true.</summary>
    public void Retain(delegate*<byte*, bool> keep)
    {
        for (int i = 0; i < BucketCount; i++)
        {
            Span* span = (Span*)_heads[i];
            _heads[i] = 0;
            while (span != null)
            {
                Span* next = span->Next;
                if (keep((byte*)span))
                {
                    span->Next = (Span*)_heads[i];
                    _heads[i] = (ulong)span;
                }
                else
                {
                    _totalBytes -= span->Size;
                    _count--;
                }
                span = next;
            }
        }
    }

    /// <summary>Adds [start, start + size); spans under <see cref="MinimumSpan"/> are ignored. False then.</summary>
    public bool Add(byte* start, ulong size, bool dirty)
    {
        if (size < MinimumSpan)
            return false;
        Span* span = (Span*)start;
        span->Size = size;
        span->Dirty = dirty ? 1UL : 0;
        Push(span);
        _totalBytes += size;
        _count++;
        return true;
    }

    /// <summary>
    /// Takes a zeroed region of at least <paramref name="minimum"/> bytes, up to
    /// <paramref name="preferred"/> when the span has that much. Spans of at least
    /// <paramref name="smallestPreferredSpan"/> are used before smaller ones, so tiny fragments do not
    /// turn every refill into a slow path while larger spans remain.
    /// </summary>
    public bool Take(ulong minimum, ulong preferred, ulong smallestPreferredSpan, out byte* region, out ulong size)
    {
        Span* span = null;
        if (smallestPreferredSpan > minimum)
            span = Unlink(smallestPreferredSpan);
        if (span == null)
            span = Unlink(minimum);
        if (span == null)
        {
            region = null;
            size = 0;
            return false;
        }
        _totalBytes -= span->Size;
        _count--;

        ulong take = preferred < minimum ? minimum : preferred;
        if (take > span->Size)
            take = span->Size;
        if (span->Size - take < MinimumSpan)
            take = span->Size;
        bool dirty = span->Dirty != 0;
        byte* spanStart = (byte*)span;
        region = spanStart + span->Size - take;
        size = take;
        if (take < span->Size)
        {
            span->Size -= take;
            Push(span);
            _totalBytes += span->Size;
            _count++;
        }
        if (dirty)
            Zero(region, take);
        else if (region == spanStart)
            Zero(region, (ulong)sizeof(Span));
        return true;
    }

    private void Push(Span* span)
    {
        int bucket = Bucket(span->Size);
        span->Next = (Span*)_heads[bucket];
        _heads[bucket] = (ulong)span;
    }

    /// <summary>Removes a span of at least <paramref name="minimum"/> bytes from the smallest bucket that has one.</summary>
    private Span* Unlink(ulong minimum)
    {
        int first = Bucket(minimum);
        for (int bucket = first; bucket < BucketCount; bucket++)
        {
            Span* previous = null;
            Span* span = (Span*)_heads[bucket];
            // Every span above the first bucket is large enough; in the first, look a few spans deep.
            for (int scanned = 0; span != null && scanned < ScanLimit; scanned++)
            {
                if (span->Size >= minimum)
                {
                    if (previous == null)
                        _heads[bucket] = (ulong)span->Next;
                    else
                        previous->Next = span->Next;
                    return span;
                }
                previous = span;
                span = span->Next;
            }
        }
        return null;
    }

    private static int Bucket(ulong size)
    {
        int log2 = BitOperations.Log2(size < MinimumSpan ? MinimumSpan : size) - MinimumSpanLog2;
        return log2 < BucketCount ? log2 : BucketCount - 1;
    }

    private static void Zero(byte* start, ulong length) => new Span<byte>(start, checked((int)length)).Clear();
}
