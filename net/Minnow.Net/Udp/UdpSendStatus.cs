namespace Minnow.Net.Udp;

public enum UdpSendStatus
{
    Ok,
    /// <summary>The send queue is full; poll the interface and try again.</summary>
    BufferFull,
    /// <summary>Larger than one IPv4 packet can carry (fragmentation is not implemented).</summary>
    TooLarge,
    /// <summary>Port 0 or an unusable destination address.</summary>
    InvalidDestination,
    NoFreePort,
    Closed,
}
