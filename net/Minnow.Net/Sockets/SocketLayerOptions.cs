namespace Minnow.Net.Sockets;

/// <summary>Settings of a <see cref="SocketLayer"/>.</summary>
public sealed class SocketLayerOptions
{
    /// <summary>The first descriptor number handed out; the runtime keeps the ones below for its console.</summary>
    public int FirstDescriptor { get; init; } = 64;

    /// <summary>Open sockets and event ports at most; more gives EMFILE.</summary>
    public int MaxOpenSockets { get; init; } = 1024;

    /// <summary>Pending connections per listening socket at most (Listen's backlog is clamped to this).</summary>
    public int MaxBacklog { get; init; } = 8;

    /// <summary>A TCP socket's buffers unless SO_RCVBUF/SO_SNDBUF set others before it connects or listens.</summary>
    public int TcpReceiveBufferSize { get; init; } = 256 * 1024;

    public int TcpSendBufferSize { get; init; } = 256 * 1024;

    /// <summary>Linux's floor (200 ms) rather than RFC 6298's 1 s: a VM's LAN is fast.</summary>
    public TimeSpan TcpMinRto { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan TcpTimeWaitDuration { get; init; } = TimeSpan.FromSeconds(60);

    public int UdpReceiveBufferSize { get; init; } = 256 * 1024;

    public int UdpSendBufferSize { get; init; } = 64 * 1024;

    public int UdpDatagrams { get; init; } = 128;
}
