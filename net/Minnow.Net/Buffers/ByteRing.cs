namespace Minnow.Net.Buffers;

/// <summary>
/// A fixed-capacity byte FIFO for stream data. Besides append/consume it can read at an offset
/// from the front (to build segments from unacknowledged send data) and write at an offset past
/// the end (to place out-of-order received data before it becomes readable).
/// </summary>
public sealed class ByteRing
{
    private readonly byte[] _data;
    private int _start;
    private int _count;

    public ByteRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _data = new byte[capacity];
    }

    public int Capacity => _data.Length;

    /// <summary>Bytes readable from the front.</summary>
    public int Count => _count;

    /// <summary>Bytes that can still be appended.</summary>
    public int Free => _data.Length - _count;

    /// <summary>Appends as much of <paramref name="source"/> as fits.</summary>
    /// <returns>The number of bytes appended.</returns>
    public int Append(ReadOnlySpan<byte> source)
    {
        int length = Math.Min(source.Length, Free);
        WriteAt(_count, source[..length]);
        _count += length;
        return length;
    }

    /// <summary>Copies bytes starting <paramref name="offset"/> bytes from the front, without consuming.</summary>
    public void CopyTo(int offset, Span<byte> destination)
    {
        int position = (_start + offset) % _data.Length;
        int first = Math.Min(destination.Length, _data.Length - position);
        _data.AsSpan(position, first).CopyTo(destination);
        if (first < destination.Length)
        {
            _data.AsSpan(0, destination.Length - first).CopyTo(destination[first..]);
        }
    }

    /// <summary>Copies from the front and consumes what was copied.</summary>
    public int Read(Span<byte> destination)
    {
        int length = Math.Min(destination.Length, _count);
        CopyTo(0, destination[..length]);
        Consume(length);
        return length;
    }

    /// <summary>Drops <paramref name="length"/> bytes from the front.</summary>
    public void Consume(int length)
    {
        _start = (_start + length) % _data.Length;
        // No rewind to 0 when empty: bytes stored past the end with WriteAt are positioned
        // relative to the current start.
        _count -= length;
    }

    /// <summary>
    /// Stores bytes <paramref name="offset"/> bytes from the front without making them readable;
    /// the caller keeps offset + length within the capacity.
    /// </summary>
    public void WriteAt(int offset, ReadOnlySpan<byte> source)
    {
        int position = (_start + offset) % _data.Length;
        int first = Math.Min(source.Length, _data.Length - position);
        source[..first].CopyTo(_data.AsSpan(position));
        if (first < source.Length)
        {
            source[first..].CopyTo(_data);
        }
    }

    /// <summary>Makes <paramref name="length"/> bytes already stored past the end readable.</summary>
    public void Commit(int length) => _count += length;

    public void Clear()
    {
        _start = 0;
        _count = 0;
    }
}
