using System.Net;
using System.Net.Sockets;

namespace Rpc.Tests.Support;

/// <summary>Addresses on the loopback interface: the only network the tests may use.</summary>
public static class Loopback
{
    public static IPEndPoint AnyPort => new(IPAddress.Loopback, 0);

    /// <summary>A TCP port on which nothing listens (bound and released, so nothing else took it just now).</summary>
    public static IPEndPoint UnusedTcpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(AnyPort);
        return (IPEndPoint)socket.LocalEndPoint!;
    }

    public static IPEndPoint UnusedUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(AnyPort);
        return (IPEndPoint)socket.LocalEndPoint!;
    }
}
