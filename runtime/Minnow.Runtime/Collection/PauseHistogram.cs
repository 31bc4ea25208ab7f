using System.Numerics;

namespace Minnow.Runtime.Collection;

/// <summary>
/// Collection pause times in a fixed log-linear histogram (16 buckets per power of two, so a
/// percentile is reported within 1/16 of its value) plus the exact count, total and maximum: bounded
/// memory however long the image runs. Pure: the host tests check its percentiles.
/// </summary>
internal unsafe struct PauseHistogram
{
    private const int SubBucketBits = 4;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int BucketCount = (64 - SubBucketBits + 1) * SubBuckets;

    private fixed uint _counts[BucketCount];
    private ulong _count;
    private ulong _total;
    private ulong _max;

    public readonly ulong Count => _count;
    public readonly ulong TotalNanoseconds => _total;
    public readonly ulong MaxNanoseconds => _max;

    public void Record(ulong nanoseconds)
    {
        int bucket = Bucket(nanoseconds);
        if (_counts[bucket] != uint.MaxValue)
            _counts[bucket]++;
        _count++;
        _total += nanoseconds;
        if (nanoseconds > _max)
            _max = nanoseconds;
    }

    /// <summary>
    /// The smallest recorded bucket's upper bound that at least <paramref name="percent"/>% of the
    /// pauses do not exceed (never above the true maximum); 0 when nothing was recorded.
    /// </summary>
    public readonly ulong Percentile(uint percent)
    {
        if (_count == 0)
            return 0;
        ulong rank = (_count * percent + 99) / 100;
        if (rank == 0)
            rank = 1;
        ulong seen = 0;
        for (int bucket = 0; bucket < BucketCount; bucket++)
        {
            seen += _counts[bucket];
            if (seen >= rank)
            {
                ulong upper = UpperBound(bucket);
                return upper < _max ? upper : _max;
            }
        }
        return _max;
    }

    private static int Bucket(ulong value)
    {
        if (value < SubBuckets)
            return (int)value;
        int octave = BitOperations.Log2(value);
        int sub = (int)(value >> (octave - SubBucketBits)) & (SubBuckets - 1);
        return (octave - SubBucketBits + 1) * SubBuckets + sub;
    }

    private static ulong UpperBound(int bucket)
    {
        if (bucket < SubBuckets)
            return (ulong)bucket;
        int octave = bucket / SubBuckets + SubBucketBits - 1;
        ulong sub = (ulong)(bucket % SubBuckets);
        ulong width = 1UL << (octave - SubBucketBits);
        return ((SubBuckets + sub) << (octave - SubBucketBits)) + width - 1;
    }
}
