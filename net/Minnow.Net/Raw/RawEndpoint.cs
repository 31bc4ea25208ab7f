using Minnow.Net.Buffers;
using Minnow.Net.Wire;

namespace Minnow.Net.Raw;

/// <summary>
/// Raw layer-2 access: the frames of one EtherType on one VLAN, payload only. The interface fills
/// in both MAC addresses' place and the tag; the program chooses the destination.
/// </summary>
public sealed class RawEndpoint
{
    private readonly Interface _interface;
    private readonly PacketRing<MacAddress> _receiveQueue;
    private readonly PacketRing<MacAddress> _sendQueue;

    internal RawEndpoint(Interface owner, ushort etherType, ushort vlanId, int receiveBytes, int sendBytes, int frames)
    {
        _interface = owner;
        EtherType = etherType;
        VlanId = vlanId;
        _receiveQueue = new PacketRing<MacAddress>(receiveBytes, frames);
        _sendQueue = new PacketRing<MacAddress>(sendBytes, frames);
    }

    public ushort EtherType { get; }

    /// <summary>0 for untagged frames.</summary>
    public ushort VlanId { get; }

    public bool IsClosed { get; private set; }

    public int ReceiveQueueCount => _receiveQueue.Count;

    /// <summary>The largest payload one frame carries.</summary>
    public int MaxPayloadLength => _interface.MaxFrameLength - EthernetFrame.HeaderLengthFor(VlanId);

    public RawSendStatus TrySend(MacAddress destination, ReadOnlySpan<byte> payload)
    {
        if (IsClosed)
        {
            return RawSendStatus.Closed;
        }
        if (payload.Length > MaxPayloadLength)
        {
            return RawSendStatus.TooLarge;
        }
        if (!_sendQueue.TryEnqueue(payload.Length, destination, out Span<byte> slot))
        {
            return RawSendStatus.BufferFull;
        }
        payload.CopyTo(slot);
        return RawSendStatus.Ok;
    }

    /// <summary>Takes the oldest received payload (truncated to the buffer; <paramref name="length"/> is its full length).</summary>
    public bool TryReceive(Span<byte> buffer, out int length, out MacAddress source)
    {
        if (!_receiveQueue.TryPeek(out ReadOnlySpan<byte> payload, out source))
        {
            length = 0;
            return false;
        }
        length = payload.Length;
        payload[..Math.Min(payload.Length, buffer.Length)].CopyTo(buffer);
        _receiveQueue.Dequeue();
        return true;
    }

    public void Close()
    {
        if (IsClosed)
        {
            return;
        }
        IsClosed = true;
        _receiveQueue.Clear();
        _sendQueue.Clear();
        _interface.Remove(this);
    }

    internal bool TryDeliver(ReadOnlySpan<byte> payload, MacAddress source)
    {
        if (!_receiveQueue.TryEnqueue(payload.Length, source, out Span<byte> slot))
        {
            return false;
        }
        payload.CopyTo(slot);
        return true;
    }

    internal PacketRing<MacAddress> SendQueue => _sendQueue;
}
