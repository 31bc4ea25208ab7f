using System.Numerics;
using System.Runtime.CompilerServices;

namespace Minnow.Runtime.Collection;

/// <summary>
/// One bit per 8-byte granule of a heap area, in 64-bit words: the collector keeps one such map of
/// where objects start (set by the allocator) and one of marked objects. Pure: the host tests run it
/// over arrays.
/// </summary>
internal readonly unsafe struct HeapBitmap
{
    private readonly ulong* _words;

    public HeapBitmap(ulong* words) => _words = words;

    public ulong* Words => _words;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsSet(ulong bit) => (_words[bit >> 6] & (1UL << (int)(bit & 63))) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(ulong bit) => _words[bit >> 6] |= 1UL << (int)(bit & 63);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Clear(ulong bit) => _words[bit >> 6] &= ~(1UL << (int)(bit & 63));

    /// <summary>Sets the bit; false when it was already set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TrySet(ulong bit)
    {
        ulong* word = &_words[bit >> 6];
        ulong mask = 1UL << (int)(bit & 63);
        if ((*word & mask) != 0)
            return false;
        *word |= mask;
        return true;
    }

    /// <summary>The highest set bit in [<paramref name="lowest"/>, <paramref name="bit"/>], or -1 when none is.</summary>
    public long FindPreviousSet(ulong bit, ulong lowest)
    {
        if (bit < lowest)
            return -1;
        ulong index = bit >> 6;
        ulong lowestIndex = lowest >> 6;
        ulong word = _words[index] & (ulong.MaxValue >> (63 - (int)(bit & 63)));
        while (true)
        {
            if (word != 0)
            {
                long found = (long)(index * 64 + 63 - (ulong)BitOperations.LeadingZeroCount(word));
                return found >= (long)lowest ? found : -1;
            }
            if (index == lowestIndex)
                return -1;
            index--;
            word = _words[index];
        }
    }

    public void ClearWords(ulong wordCount) => new Span<ulong>(_words, checked((int)wordCount)).Clear();
}
