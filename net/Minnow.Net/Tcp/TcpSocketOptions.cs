namespace Minnow.Net.Tcp;

/// <summary>Settings of one <see cref="TcpSocket"/>.</summary>
public sealed class TcpSocketOptions
{
    /// <summary>Bounds the receive window; large buffers with window scaling keep long pipes full.</summary>
    public int ReceiveBufferSize { get; init; } = 1024 * 1024;

    /// <summary>Bounds the data in flight plus the data queued behind it.</summary>
    public int SendBufferSize { get; init; } = 1024 * 1024;

    /// <summary>Disables Nagle's algorithm (TCP_NODELAY).</summary>
    public bool NoDelay { get; set; }

    /// <summary>RFC 6298 2.1: 1 s before any sample.</summary>
    public TimeSpan InitialRto { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// RFC 6298 2.4 recommends 1 s; Linux uses 200 ms. A VM's LAN is fast, so programs may lower it.
    /// </summary>
    public TimeSpan MinRto { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRto { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Consecutive timeouts before the connection is dropped (RFC 9293 3.8.3's R2).</summary>
    public int MaxRetransmissions { get; init; } = 12;

    /// <summary>RFC 9293 3.8.6.3 allows up to 500 ms; Linux's floor is 40 ms.</summary>
    public TimeSpan DelayedAckTimeout { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>2 MSL; Linux uses 60 s.</summary>
    public TimeSpan TimeWaitDuration { get; init; } = TimeSpan.FromSeconds(60);
}
