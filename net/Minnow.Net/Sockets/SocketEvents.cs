namespace Minnow.Net.Sockets;

/// <summary>Interop.Sys.SocketEvents: what an event port reports for a socket.</summary>
[Flags]
public enum SocketEvents
{
    None = 0,
    Read = 0x01,
    Write = 0x02,
    ReadClose = 0x04,
    Close = 0x08,
    Error = 0x10,
}

/// <summary>Interop.PollEvents (the Linux poll bits, which the class library uses unchanged).</summary>
[Flags]
public enum PollEvents : short
{
    None = 0,
    In = 0x01,
    Pri = 0x02,
    Out = 0x04,
    Err = 0x08,
    Hup = 0x10,
    Nval = 0x20,
}

/// <summary>One event a port delivers: the data registered for the socket and what became ready.</summary>
public struct SocketEvent
{
    public nint Data;
    public SocketEvents Events;
}

/// <summary>One entry of <see cref="SocketLayer.Poll"/>; descriptors the layer does not own keep the
/// <see cref="Triggered"/> the caller set (the runtime's console descriptors).</summary>
public struct PollRequest
{
    public int Fd;
    public PollEvents Events;
    public PollEvents Triggered;
}
