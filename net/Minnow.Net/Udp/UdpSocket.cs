using Minnow.Net.Buffers;
using Minnow.Net.Wire;

namespace Minnow.Net.Udp;

/// <summary>
/// A UDP socket on an <see cref="Interface"/>. Sending queues the datagram; the interface
/// transmits it on its next poll. Received datagrams wait in a queue until read.
/// </summary>
public sealed class UdpSocket
{
    private readonly Interface _interface;
    private readonly PacketRing<UdpDatagramInfo> _receiveQueue;
    private readonly PacketRing<UdpDatagramInfo> _sendQueue;

    internal UdpSocket(Interface owner, int receiveBytes, int sendBytes, int packets)
    {
        _interface = owner;
        _receiveQueue = new PacketRing<UdpDatagramInfo>(receiveBytes, packets);
        _sendQueue = new PacketRing<UdpDatagramInfo>(sendBytes, packets);
    }

    /// <summary>The bound address (Any for every address of the interface) and port (0 until bound).</summary>
    public Ipv4Endpoint LocalEndpoint { get; private set; }

    public bool IsBound => LocalEndpoint.Port != 0;

    public bool IsClosed { get; private set; }

    public int ReceiveQueueCount => _receiveQueue.Count;

    public int SendQueueCount => _sendQueue.Count;

    /// <summary>Binds to a port (0 picks an ephemeral one) on one address or on all (Any).</summary>
    public UdpBindStatus Bind(ushort port, Ipv4Address address = default)
    {
        if (IsClosed)
        {
            return UdpBindStatus.Closed;
        }
        if (IsBound)
        {
            return UdpBindStatus.AlreadyBound;
        }
        if (port == 0)
        {
            if (!_interface.TryAllocateUdpPort(out port))
            {
                return UdpBindStatus.NoFreePort;
            }
        }
        else if (_interface.IsUdpPortInUse(port, address))
        {
            return UdpBindStatus.PortInUse;
        }
        LocalEndpoint = new Ipv4Endpoint(address, port);
        return UdpBindStatus.Ok;
    }

    /// <summary>Queues a datagram, binding an ephemeral port first if unbound.</summary>
    public UdpSendStatus TrySendTo(ReadOnlySpan<byte> payload, Ipv4Endpoint remote)
    {
        if (IsClosed)
        {
            return UdpSendStatus.Closed;
        }
        if (remote.Port == 0 || remote.Address.IsAny)
        {
            return UdpSendStatus.InvalidDestination;
        }
        if (payload.Length > _interface.Mtu - Ipv4Header.MinimumLength - UdpHeader.Length)
        {
            return UdpSendStatus.TooLarge;
        }
        if (!IsBound && Bind(0) != UdpBindStatus.Ok)
        {
            return UdpSendStatus.NoFreePort;
        }
        if (!_sendQueue.TryEnqueue(payload.Length, new UdpDatagramInfo(remote, LocalEndpoint.Address), out Span<byte> slot))
        {
            return UdpSendStatus.BufferFull;
        }
        payload.CopyTo(slot);
        return UdpSendStatus.Ok;
    }

    /// <summary>Takes the oldest received datagram. A datagram longer than the buffer is truncated, as with recvfrom.</summary>
    /// <param name="length">The datagram's full length, which may exceed the bytes copied.</param>
    public bool TryReceiveFrom(Span<byte> buffer, out int length, out UdpDatagramInfo info)
    {
        if (!_receiveQueue.TryPeek(out ReadOnlySpan<byte> datagram, out info))
        {
            length = 0;
            return false;
        }
        length = datagram.Length;
        datagram[..Math.Min(datagram.Length, buffer.Length)].CopyTo(buffer);
        _receiveQueue.Dequeue();
        return true;
    }

    /// <summary>Like <see cref="TryReceiveFrom"/>, but leaves the datagram queued (MSG_PEEK).</summary>
    public bool TryPeekFrom(Span<byte> buffer, out int length, out UdpDatagramInfo info)
    {
        if (!_receiveQueue.TryPeek(out ReadOnlySpan<byte> datagram, out info))
        {
            length = 0;
            return false;
        }
        length = datagram.Length;
        datagram[..Math.Min(datagram.Length, buffer.Length)].CopyTo(buffer);
        return true;
    }

    /// <summary>Unbinds and discards both queues; the interface forgets the socket.</summary>
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
        LocalEndpoint = default;
    }

    internal bool Accepts(ushort port, Ipv4Address destination) =>
        !IsClosed && LocalEndpoint.Port == port && (LocalEndpoint.Address.IsAny || LocalEndpoint.Address == destination);

    internal bool TryDeliver(ReadOnlySpan<byte> payload, Ipv4Endpoint remote, Ipv4Address destination)
    {
        if (!_receiveQueue.TryEnqueue(payload.Length, new UdpDatagramInfo(remote, destination), out Span<byte> slot))
        {
            return false;
        }
        payload.CopyTo(slot);
        return true;
    }

    internal PacketRing<UdpDatagramInfo> SendQueue => _sendQueue;
}
