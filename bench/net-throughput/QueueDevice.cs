using Minnow.Net;

namespace Minnow.Bench.NetThroughput;

/// <summary>
/// One end of an in-memory, lossless, zero-delay link: frames sent are copied into the peer's
/// queue (standing in for the DMA a real device does, so it is part of the measured time). Frame
/// buffers are recycled, so the garbage collector stays out of the measurement.
/// </summary>
internal sealed class QueueDevice(MacAddress mac, Queue<(byte[] Frame, int Length)> receive, Queue<(byte[] Frame, int Length)> transmit, Stack<byte[]> pool) : IFrameDevice
{
    private readonly byte[] _transmitBuffer = new byte[1518];
    private byte[]? _lent;

    public MacAddress MacAddress => mac;

    public int MaxFrameLength => _transmitBuffer.Length;

    public bool TryReceive(out ReadOnlySpan<byte> frame, out FrameChecksum checksum)
    {
        checksum = FrameChecksum.Unverified;
        if (_lent is not null)
        {
            pool.Push(_lent);
            _lent = null;
        }
        if (receive.TryDequeue(out (byte[] Frame, int Length) next))
        {
            _lent = next.Frame;
            frame = next.Frame.AsSpan(0, next.Length);
            return true;
        }
        frame = default;
        return false;
    }

    public bool TryReserveTransmit(int length, out Span<byte> frame)
    {
        frame = _transmitBuffer.AsSpan(0, length);
        return true;
    }

    public void CommitTransmit(int length)
    {
        byte[] frame = pool.Count > 0 ? pool.Pop() : new byte[_transmitBuffer.Length];
        _transmitBuffer.AsSpan(0, length).CopyTo(frame);
        transmit.Enqueue((frame, length));
    }
}
