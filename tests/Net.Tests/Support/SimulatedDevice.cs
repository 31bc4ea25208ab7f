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
        // Room for a 64 KiB TCP segment when segmentation offload is turned on.
        _transmitBuffer = new byte[Math.Max(maxFrameLength, 65535 + 18)];
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
        if (TransmitBlocked || length > MaxSegmentationFrameLength)
        {
            frame = default;
            return false;
        }
        frame = _transmitBuffer.AsSpan(0, length);
        return true;
    }

    public void CommitTransmit(int length) => _link.Transmit(_side, _transmitBuffer.AsSpan(0, length));

    /// <summary>Offloads this device offers; set before an interface is built on it. They are done
    /// in software (<see cref="SoftwareOffload"/>), so the link carries ordinary frames.</summary>
    public TransmitOffloads TransmitOffloads { get; set; }

    public int MaxSegmentationFrameLength => (TransmitOffloads & TransmitOffloads.TcpSegmentation) != 0 ? _transmitBuffer.Length : MaxFrameLength;

    /// <summary>Frames handed over with an offload, and those cut into several segments.</summary>
    public long OffloadedFrames { get; private set; }

    public long SegmentedFrames { get; private set; }

    public void CommitTransmit(int length, in TransmitOffload offload)
    {
        OffloadedFrames++;
        List<byte[]> frames = SoftwareOffload.Apply(_transmitBuffer.AsSpan(0, length), offload);
        if (frames.Count > 1)
        {
            SegmentedFrames++;
        }
        foreach (byte[] frame in frames)
        {
            _link.Transmit(_side, frame);
        }
    }

    /// <summary>Queues a frame as if it arrived from the wire (for tests that inject frames).</summary>
    public void Inject(ReadOnlySpan<byte> frame)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(frame.Length, 1));
        frame.CopyTo(buffer);
        _received.Enqueue((buffer, frame.Length));
    }

    internal void Deliver(byte[] buffer, int length) => _received.Enqueue((buffer, length));
}
