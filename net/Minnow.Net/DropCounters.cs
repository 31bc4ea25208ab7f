namespace Minnow.Net;

/// <summary>Counts dropped frames per <see cref="DropReason"/>. Malformed input is counted, never thrown.</summary>
public sealed class DropCounters
{
    // Sized from the last member rather than Enum.GetValues, which needs reflection metadata in images.
    private readonly long[] _counts = new long[(int)DropReason.DeviceBusy + 1];

    public long this[DropReason reason] => _counts[(int)reason];

    public long Total
    {
        get
        {
            long total = 0;
            foreach (long count in _counts)
            {
                total += count;
            }
            return total;
        }
    }

    internal void Increment(DropReason reason) => _counts[(int)reason]++;

    /// <summary>The non-zero counters, as "Reason=N" pairs, for diagnostics.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] != 0)
            {
                if (text.Length > 0)
                {
                    text.Append(' ');
                }
                text.Append(((DropReason)i).ToString()).Append('=').Append(_counts[i]);
            }
        }
        return text.Length == 0 ? "none" : text.ToString();
    }
}
