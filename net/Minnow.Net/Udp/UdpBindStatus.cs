namespace Minnow.Net.Udp;

public enum UdpBindStatus
{
    Ok,
    AlreadyBound,
    PortInUse,
    /// <summary>Every ephemeral port is taken.</summary>
    NoFreePort,
    Closed,
}
