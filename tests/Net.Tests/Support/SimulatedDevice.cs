using System.Buffers;

namespace Minnow.Net.Tests.Support;

/// <summary>One end of a <see cref="SimulatedLink"/>: an <see cref="IFrameDevice"/> with an unbounded receive queue.</summary>
public sealed class SimulatedDevice : IFrameDevice
{
    private readonly SimulatedLink _link;
    private readonly int _side;
    private readonly Queue<(byte[] Buffer, int Length)> _received = new();
    private readonly byte[] _transmitBuffer;
    private byte[]? _lent;

    internal SimulatedDevice(SimulatedLink link, int side, MacAddress mac, int maxFrameLength = 1518)
    {
        _link = link;
        _side = side;
        MacAddress = mac;
        MaxFrameLength = maxFrameLength;
        _transmitBuffer = new byte[maxFrameLength];
    }

    public MacAddress MacAddress { get; }

    public int MaxFrameLength { get; }

    /// <summary>When set, reservations fail: a device whose transmit queue is full.</summary>
    public bool TransmitBlocked { get; set; }

    public int PendingReceive => _received.Count;

    public bool TryReceive(out ReadOnlySpan<byte> frame, out FrameChecksum checksum)
    {
        checksum = FrameChecksum.Unverified;
        if (_lent is not null)
        {
            ArrayPool<byte>.Shared.Return(_lent);
            _lent = null;
        }
        if (!_received.TryDequeue(out (byte[] Buffer, int Length) next))
        {
            frame = default;
            return false;
        }
        _lent = next.Buffer;
        frame = next.Buffer.AsSpan(0, next.Length);
        return true;
    }

    public bool TryReserveTransmit(int length, out Span<byte> frame)
    {
        if (TransmitBlocked || length > MaxFrameLength)
        {
            frame = default;
            return false;
        }
        frame = _transmitBuffer.AsSpan(0, length);
        return true;
    }

    public void CommitTransmit(int length) => _link.Transmit(_side, _transmitBuffer.AsSpan(0, length));

    /// <summary>Queues a frame as if it arrived from the wire (for tests that inject frames).</summary>
    public void Inject(ReadOnlySpan<byte> frame)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(frame.Length, 1));
        frame.CopyTo(buffer);
        _received.Enqueue((buffer, frame.Length));
    }

    internal void Deliver(byte[] buffer, int length) => _received.Enqueue((buffer, length));
}
