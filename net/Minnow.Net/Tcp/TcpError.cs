namespace Minnow.Net.Tcp;

/// <summary>Why a connection ended other than by a clean close.</summary>
public enum TcpError
{
    None,
    /// <summary>The peer answered our SYN with a RST.</summary>
    ConnectionRefused,
    /// <summary>The peer reset an established connection.</summary>
    ConnectionReset,
    /// <summary>Retransmissions went unanswered past the limit.</summary>
    TimedOut,
    /// <summary>This side aborted.</summary>
    Aborted,
}
