using System.Diagnostics;
using Minnow.Net.Sockets;
using Minnow.Net.Tests.Support;

namespace Minnow.Net.Tests.Sockets;

/// <summary>
/// Two socket layers, 10.0.0.1 (A) and 10.0.0.2 (B), on a <see cref="ThreadedLink"/>, each with a
/// network thread that pumps it when a frame arrives or its next timer falls due: what the boot
/// glue does in an image.
/// </summary>
public sealed class SocketHosts : IDisposable
{
    public static readonly Ipv4Address AddressA = new(10, 0, 0, 1);
    public static readonly Ipv4Address AddressB = new(10, 0, 0, 2);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Thread[] _pumps;
    private volatile bool _stopping;

    public SocketHosts(double lossRate = 0, SocketLayerOptions? options = null)
    {
        Link = new ThreadedLink(lossRate);
        var ifaceA = new Interface(Link.A, new InterfaceOptions { Secret = 0xA });
        var ifaceB = new Interface(Link.B, new InterfaceOptions { Secret = 0xB });
        ifaceA.Configure(new Ipv4Cidr(AddressA, 24));
        ifaceB.Configure(new Ipv4Cidr(AddressB, 24));
        A = new SocketLayer(ifaceA, () => _clock.Elapsed, options);
        B = new SocketLayer(ifaceB, () => _clock.Elapsed, options);
        _pumps = [StartPump(A, Link.A), StartPump(B, Link.B)];
    }

    public ThreadedLink Link { get; }

    public SocketLayer A { get; }

    public SocketLayer B { get; }

    public TimeSpan Now => _clock.Elapsed;

    private Thread StartPump(SocketLayer layer, ThreadedLink.Device device)
    {
        var thread = new Thread(() =>
        {
            while (!_stopping)
            {
                layer.Pump();
                TimeSpan wait = TimeSpan.FromMilliseconds(20);
                if (layer.NextPumpAt is TimeSpan next)
                {
                    TimeSpan untilNext = next - _clock.Elapsed;
                    wait = untilNext < TimeSpan.Zero ? TimeSpan.Zero : untilNext < wait ? untilNext : wait;
                }
                device.FrameArrived.WaitOne(wait);
            }
        })
        { IsBackground = true, Name = "pump " + device.MacAddress };
        thread.Start();
        return thread;
    }

    public void Dispose()
    {
        _stopping = true;
        foreach (Thread pump in _pumps)
        {
            pump.Join();
        }
    }

    // Helpers that assert success, so tests read as the program would.

    public static int NewTcp(SocketLayer layer)
    {
        Assert.Equal(PalError.SUCCESS, layer.Socket(2, 1, 6, out int fd));
        return fd;
    }

    public static int NewUdp(SocketLayer layer)
    {
        Assert.Equal(PalError.SUCCESS, layer.Socket(2, 2, 17, out int fd));
        return fd;
    }

    public static int Listener(SocketLayer layer, ushort port, int backlog = 8)
    {
        int fd = NewTcp(layer);
        Assert.Equal(PalError.SUCCESS, layer.Bind(fd, new Ipv4Endpoint(Ipv4Address.Any, port)));
        Assert.Equal(PalError.SUCCESS, layer.Listen(fd, backlog));
        return fd;
    }

    /// <summary>A client on A connected to a listener on B; the accepted socket's descriptor too.</summary>
    public (int Client, int Server, int Listener) Connected(ushort port = 5000)
    {
        int listener = Listener(B, port);
        int client = NewTcp(A);
        Assert.Equal(PalError.SUCCESS, A.Connect(client, new Ipv4Endpoint(AddressB, port)));
        Assert.Equal(PalError.SUCCESS, B.Accept(listener, out int server, out Ipv4Endpoint remote));
        Assert.Equal(AddressA, remote.Address);
        return (client, server, listener);
    }

    public static void SendAll(SocketLayer layer, int fd, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            Assert.Equal(PalError.SUCCESS, layer.Send(fd, data, 0, out int sent));
            Assert.True(sent > 0);
            data = data[sent..];
        }
    }

    public static byte[] ReceiveExactly(SocketLayer layer, int fd, int count)
    {
        byte[] buffer = new byte[count];
        int total = 0;
        while (total < count)
        {
            Assert.Equal(PalError.SUCCESS, layer.Receive(fd, buffer.AsSpan(total), 0, out int received));
            Assert.True(received > 0, "unexpected end of stream");
            total += received;
        }
        return buffer;
    }
}
