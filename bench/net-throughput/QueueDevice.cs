using Minnow.Net;

namespace Minnow.Bench.NetThroughput;

/// <summary>One end of an in-memory, lossless, zero-delay link: frames sent land in the peer's queue.</summary>
internal sealed class QueueDevice(MacAddress mac, Queue<byte[]> receive, Queue<byte[]> transmit) : IFrameDevice
{
    private readonly byte[] _transmitBuffer = new byte[1518];

    public MacAddress MacAddress => mac;

    public int MaxFrameLength => _transmitBuffer.Length;

    public bool TryReceive(out ReadOnlySpan<byte> frame)
    {
        if (receive.TryDequeue(out byte[]? next))
        {
            frame = next;
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

    // The copy stands in for the DMA a real device does; it is counted in the measured time.
    public void CommitTransmit(int length) => transmit.Enqueue(_transmitBuffer.AsSpan(0, length).ToArray());
}
