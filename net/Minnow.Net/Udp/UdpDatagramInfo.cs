namespace Minnow.Net.Udp;

/// <summary>The addressing of one queued datagram.</summary>
public readonly struct UdpDatagramInfo
{
    public UdpDatagramInfo(Ipv4Endpoint remote, Ipv4Address localAddress)
    {
        Remote = remote;
        LocalAddress = localAddress;
    }

    /// <summary>The sender of a received datagram, or the destination of one to send.</summary>
    public Ipv4Endpoint Remote { get; }

    /// <summary>The address a received datagram was sent to (ours, or a broadcast address).</summary>
    public Ipv4Address LocalAddress { get; }
}
