namespace Minnow.Net.Tcp;

/// <summary>
/// Tracks which byte ranges past the next expected sequence number have arrived, as offsets from
/// it. A bounded number of ranges keeps the bookkeeping O(1) in space; a segment that would need
/// more is dropped (the sender retransmits it).
/// </summary>
public sealed class TcpReassembler
{
    private readonly int[] _starts;
    private readonly int[] _ends;
    private int _count;

    public TcpReassembler(int maxRanges = 32)
    {
        _starts = new int[maxRanges];
        _ends = new int[maxRanges];
    }

    public int RangeCount => _count;

    public bool IsEmpty => _count == 0;

    public (int Start, int End) GetRange(int index) => (_starts[index], _ends[index]);

    /// <summary>Records [start, end) as received, merging with neighbours.</summary>
    /// <returns>
    /// false when it would need more ranges than allowed and lies past all of them; nothing is
    /// recorded then. A range before the last one evicts the last one instead.
    /// </returns>
    public bool Add(int start, int end)
    {
        if (end <= start)
        {
            return true;
        }
        // First range that ends at or after start (could merge); ranges are sorted and disjoint.
        int i = 0;
        while (i < _count && _ends[i] < start)
        {
            i++;
        }
        int j = i;
        while (j < _count && _starts[j] <= end)
        {
            j++;
        }
        // Ranges i..j-1 touch [start, end): replace them by their union.
        if (i == j)
        {
            if (_count == _starts.Length)
            {
                if (i == _count)
                {
                    return false;
                }
                // Full: forget the farthest range instead, so data nearer the front (the hole
                // the sender is retransmitting) is never refused. Its bytes were never
                // acknowledged, so the sender will send them again.
                _count--;
            }
            Array.Copy(_starts, i, _starts, i + 1, _count - i);
            Array.Copy(_ends, i, _ends, i + 1, _count - i);
            _starts[i] = start;
            _ends[i] = end;
            _count++;
            return true;
        }
        int newStart = Math.Min(start, _starts[i]);
        int newEnd = Math.Max(end, _ends[j - 1]);
        _starts[i] = newStart;
        _ends[i] = newEnd;
        int removed = j - i - 1;
        if (removed > 0)
        {
            Array.Copy(_starts, j, _starts, i + 1, _count - j);
            Array.Copy(_ends, j, _ends, i + 1, _count - j);
            _count -= removed;
        }
        return true;
    }

    /// <summary>
    /// If data now starts at offset 0, removes that range and rebases the rest on its end.
    /// </summary>
    /// <returns>How many bytes became contiguous (0 if there is still a hole at the front).</returns>
    public int TakeContiguous()
    {
        if (_count == 0 || _starts[0] > 0)
        {
            return 0;
        }
        int length = _ends[0];
        for (int k = 1; k < _count; k++)
        {
            _starts[k - 1] = _starts[k] - length;
            _ends[k - 1] = _ends[k] - length;
        }
        _count--;
        return length;
    }

    public void Clear() => _count = 0;
}
