namespace Minnow.Net.Tcp;

public enum TcpReceiveStatus
{
    /// <summary>Bytes were read.</summary>
    Ok,
    /// <summary>Nothing to read yet.</summary>
    WouldBlock,
    /// <summary>The peer closed its direction and everything it sent has been read.</summary>
    EndOfStream,
    /// <summary>The socket was never opened, or the connection failed (see <see cref="TcpSocket.Error"/>).</summary>
    NotConnected,
}
