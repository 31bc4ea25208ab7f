namespace Minnow.Net.Tcp;

/// <summary>The outcome of <see cref="TcpSocket.Listen"/> and <see cref="TcpSocket.Connect"/>.</summary>
public enum TcpOpenStatus
{
    Ok,
    /// <summary>The socket is not closed.</summary>
    InvalidState,
    /// <summary>The interface has no address to connect from.</summary>
    NoAddress,
    PortInUse,
    NoFreePort,
    InvalidEndpoint,
}
