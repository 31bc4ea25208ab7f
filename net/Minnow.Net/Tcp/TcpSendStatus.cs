namespace Minnow.Net.Tcp;

public enum TcpSendStatus
{
    /// <summary>Some or all bytes were queued (possibly 0 for empty input).</summary>
    Ok,
    /// <summary>The send buffer is full; poll and retry.</summary>
    WouldBlock,
    /// <summary>The socket was never opened.</summary>
    NotConnected,
    /// <summary>This side closed its sending direction, or the connection ended.</summary>
    Closed,
}
