namespace Minnow.Net.Buffers;

/// <summary>
/// A FIFO of variable-length packets stored contiguously in one byte array, with metadata per
/// packet. Used for datagram and raw-frame queues: no allocation after construction.
/// </summary>
/// <remarks>
/// Each packet occupies one contiguous run. When a packet does not fit before the end of the array
/// it starts at 0 and the gap at the end is skipped; the read position follows the packets, so the
/// gap is reclaimed when the packet before it is dequeued. Data lives in [head, tail) when
/// tail &gt;= head, else in [head, end) plus [0, tail); tail never catches up with head while
/// packets are queued, which keeps "full" and "empty" distinct.
/// </remarks>
public sealed class PacketRing<TMeta> where TMeta : struct
{
    private readonly byte[] _data;
    private readonly (int Offset, int Length, TMeta Meta)[] _entries;
    private int _head;
    private int _tail;
    private int _firstEntry;
    private int _count;

    public PacketRing(int byteCapacity, int packetCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(byteCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(packetCapacity, 1);
        _data = new byte[byteCapacity];
        _entries = new (int, int, TMeta)[packetCapacity];
    }

    public int Count => _count;

    public bool IsEmpty => _count == 0;

    public int ByteCapacity => _data.Length;

    /// <summary>Reserves room for a packet and returns it to fill; false when full.</summary>
    public bool TryEnqueue(int length, TMeta meta, out Span<byte> packet)
    {
        packet = default;
        if (_count == _entries.Length || length > _data.Length)
        {
            return false;
        }
        int offset;
        if (_count == 0)
        {
            _head = 0;
            _tail = 0;
            offset = 0;
        }
        else if (_tail >= _head)
        {
            if (_data.Length - _tail >= length)
            {
                offset = _tail;
            }
            else if (length < _head)
            {
                offset = 0;
            }
            else
            {
                return false;
            }
        }
        else if (_head - _tail > length)
        {
            offset = _tail;
        }
        else
        {
            return false;
        }
        int index = (_firstEntry + _count) % _entries.Length;
        _entries[index] = (offset, length, meta);
        _count++;
        _tail = offset + length;
        packet = _data.AsSpan(offset, length);
        return true;
    }

    /// <summary>The oldest packet, without removing it.</summary>
    public bool TryPeek(out ReadOnlySpan<byte> packet, out TMeta meta)
    {
        if (_count == 0)
        {
            packet = default;
            meta = default;
            return false;
        }
        (int offset, int length, TMeta m) = _entries[_firstEntry];
        packet = _data.AsSpan(offset, length);
        meta = m;
        return true;
    }

    /// <summary>Removes the oldest packet.</summary>
    public void Dequeue()
    {
        if (_count == 0)
        {
            return;
        }
        (int offset, int length, _) = _entries[_firstEntry];
        _head = offset + length;
        _firstEntry = (_firstEntry + 1) % _entries.Length;
        _count--;
        if (_count == 0)
        {
            _head = 0;
            _tail = 0;
        }
    }

    public void Clear()
    {
        _count = 0;
        _head = 0;
        _tail = 0;
        _firstEntry = 0;
    }
}
