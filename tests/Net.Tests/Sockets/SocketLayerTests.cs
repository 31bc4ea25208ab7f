#pragma warning disable xUnit1031 // the layer blocks threads by design; tests wait on them with limits
using System.Collections.Concurrent;
using System.Diagnostics;
using Minnow.Net.Sockets;
using static Minnow.Net.Tests.Sockets.SocketHosts;

namespace Minnow.Net.Tests.Sockets;

/// <summary>The socket layer between two hosts with real threads: what the PAL calls see.</summary>
public class SocketLayerTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static byte[] Pattern(int length, int seed)
    {
        byte[] data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    [Fact]
    public void TcpTransfersMegabytesBothWaysBlocking()
    {
        using var hosts = new SocketHosts();
        (int client, int server, _) = hosts.Connected();
        byte[] up = Pattern(3 * 1024 * 1024, 1);
        byte[] down = Pattern(2 * 1024 * 1024 + 17, 2);
        byte[]? gotUp = null, gotDown = null;
        var tasks = new[]
        {
            Task.Run(() => SendAll(hosts.A, client, up)),
            Task.Run(() => SendAll(hosts.B, server, down)),
            Task.Run(() => gotUp = ReceiveExactly(hosts.B, server, up.Length)),
            Task.Run(() => gotDown = ReceiveExactly(hosts.A, client, down.Length)),
        };
        Assert.True(Task.WaitAll(tasks, Limit));
        Assert.True(up.AsSpan().SequenceEqual(gotUp));
        Assert.True(down.AsSpan().SequenceEqual(gotDown));

        // Orderly close: the peer reads end of stream.
        Assert.Equal(PalError.SUCCESS, hosts.A.Shutdown(client, 1));
        Assert.Equal(PalError.SUCCESS, hosts.B.Receive(server, new byte[16], 0, out int received));
        Assert.Equal(0, received);
        Assert.Equal(PalError.SUCCESS, hosts.B.Close(server));
        Assert.Equal(PalError.SUCCESS, hosts.A.Receive(client, new byte[16], 0, out received));
        Assert.Equal(0, received);
        Assert.Equal(PalError.SUCCESS, hosts.A.Close(client));
        Assert.Equal(PalError.EBADF, hosts.A.Close(client));
    }

    [Fact]
    public void UndeliveredBytesCountWhatAClosedConnectionStillOwesItsPeer()
    {
        using var hosts = new SocketHosts();
        (int client, _, _) = hosts.Connected();
        Assert.Equal(0, hosts.A.UndeliveredBytes);

        // Nothing gets through: the data and the FIN stay owed after the program closed the socket.
        hosts.Link.LossRate = 1;
        SendAll(hosts.A, client, Pattern(64 * 1024, 3));
        Assert.Equal(PalError.SUCCESS, hosts.A.Close(client));
        Assert.Equal(64 * 1024 + 1, hosts.A.UndeliveredBytes);

        // The link heals: retransmissions deliver both, and nothing is owed any more.
        hosts.Link.LossRate = 0;
        Assert.True(SpinWait.SpinUntil(() => hosts.A.UndeliveredBytes == 0, Limit), $"{hosts.A.UndeliveredBytes} bytes still owed");
    }

    [Fact]
    public void TcpSurvivesALossyLink()
    {
        using var hosts = new SocketHosts(lossRate: 0.01);
        (int client, int server, _) = hosts.Connected();
        byte[] data = Pattern(512 * 1024, 3);
        byte[]? got = null;
        var send = Task.Run(() => SendAll(hosts.A, client, data));
        var receive = Task.Run(() => got = ReceiveExactly(hosts.B, server, data.Length));
        Assert.True(Task.WaitAll([send, receive], Limit));
        Assert.True(data.AsSpan().SequenceEqual(got));
        Assert.True(hosts.Link.FramesLost > 0);
    }

    [Fact]
    public void NamesAndOptionsOfAConnection()
    {
        using var hosts = new SocketHosts();
        (int client, int server, int listener) = hosts.Connected(6000);
        Assert.Equal(PalError.SUCCESS, hosts.A.GetPeerName(client, out Ipv4Endpoint peer));
        Assert.Equal(new Ipv4Endpoint(AddressB, 6000), peer);
        Assert.Equal(PalError.SUCCESS, hosts.A.GetSockName(client, out Ipv4Endpoint local));
        Assert.Equal(AddressA, local.Address);
        Assert.Equal(PalError.SUCCESS, hosts.B.GetPeerName(server, out Ipv4Endpoint serverPeer));
        Assert.Equal(local, serverPeer);
        Assert.Equal(PalError.SUCCESS, hosts.B.GetSockName(listener, out Ipv4Endpoint listening));
        Assert.Equal(6000, listening.Port);

        Span<byte> value = stackalloc byte[4];
        Assert.Equal(PalError.SUCCESS, hosts.A.GetSockOpt(client, 0xFFFF, 0x1008, value, out int length));
        Assert.Equal((1, 4), (BitConverter.ToInt32(value), length));   // Type = Stream, the PAL value
        Assert.Equal(PalError.SUCCESS, hosts.A.SetSockOpt(client, 6, 1, BitConverter.GetBytes(1)));
        Assert.Equal(PalError.SUCCESS, hosts.A.GetSockOpt(client, 6, 1, value, out _));
        Assert.Equal(1, BitConverter.ToInt32(value));
        Assert.Equal(PalError.ENOTSUP, hosts.A.SetSockOpt(client, 0xFFFF, 8, BitConverter.GetBytes(1)));   // keepalive: not implemented
        Assert.Equal(PalError.ENOTSUP, hosts.A.SetSockOpt(client, 41, 27, BitConverter.GetBytes(0)));
        Assert.Equal(PalError.SUCCESS, hosts.B.GetSockOpt(listener, 0xFFFF, 2, value, out _));
        Assert.Equal(1, BitConverter.ToInt32(value));   // SO_ACCEPTCONN

        SendAll(hosts.A, client, new byte[] { 1, 2, 3 });
        Assert.True(SpinWait.SpinUntil(() => hosts.B.GetBytesAvailable(server, out int n) == PalError.SUCCESS && n == 3, Limit));
        byte[] peeked = new byte[8];
        Assert.Equal(PalError.SUCCESS, hosts.B.Receive(server, peeked, SocketLayer.FlagPeek, out int count));
        Assert.Equal(3, count);
        Assert.Equal(new byte[] { 1, 2, 3 }, ReceiveExactly(hosts.B, server, 3));
    }

    [Fact]
    public void SocketCreationFailsAsTheClassLibraryExpects()
    {
        var layer = new SocketLayer(new Interface(new Support.ThreadedLink().A), () => TimeSpan.Zero);
        Assert.Equal(PalError.EAFNOSUPPORT, layer.Socket(23, 1, 6, out int fd));   // IPv6: .NET falls back to IPv4
        Assert.Equal(-1, fd);
        Assert.Equal(PalError.EAFNOSUPPORT, layer.Socket(1, 2, 0, out _));         // Unix domain
        Assert.Equal(PalError.ESOCKTNOSUPPORT, layer.Socket(2, 3, 1, out _));      // raw (ping)
        Assert.Equal(PalError.EPROTOTYPE, layer.Socket(2, 9, 0, out _));
        Assert.Equal(PalError.EPROTONOSUPPORT, layer.Socket(2, 1, 17, out _));
        Assert.Equal(PalError.SUCCESS, layer.Socket(2, 2, 0, out fd));
        Assert.Equal(64, fd);
        Assert.Equal(PalError.SUCCESS, layer.Close(fd));
        Assert.Equal(PalError.SUCCESS, layer.Socket(2, 1, 0, out int next));
        Assert.Equal(65, next);   // never reused
    }

    [Fact]
    public void NonBlockingConnectCompletesThroughPollAndSocketError()
    {
        using var hosts = new SocketHosts();
        int listener = Listener(hosts.B, 7000);
        Assert.Equal(PalError.SUCCESS, hosts.B.SetNonBlocking(listener, true));
        Assert.Equal(PalError.EAGAIN, hosts.B.Accept(listener, out int none, out _));
        Assert.Equal(-1, none);

        int client = NewTcp(hosts.A);
        Assert.Equal(PalError.SUCCESS, hosts.A.SetNonBlocking(client, true));
        Assert.Equal(PalError.EINPROGRESS, hosts.A.Connect(client, new Ipv4Endpoint(AddressB, 7000)));
        var poll = new PollRequest[] { new() { Fd = client, Events = PollEvents.Out } };
        Assert.Equal(PalError.SUCCESS, hosts.A.Poll(poll, 5000, out int triggered));
        Assert.Equal(1, triggered);
        Assert.Equal(PollEvents.Out, poll[0].Triggered);
        Assert.Equal(PalError.SUCCESS, hosts.A.GetSocketErrorOption(client, out PalError error));
        Assert.Equal(PalError.SUCCESS, error);
        Assert.Equal(PalError.EISCONN, hosts.A.Connect(client, new Ipv4Endpoint(AddressB, 7000)));

        var acceptPoll = new PollRequest[] { new() { Fd = listener, Events = PollEvents.In } };
        Assert.Equal(PalError.SUCCESS, hosts.B.Poll(acceptPoll, 5000, out triggered));
        Assert.Equal(PalError.SUCCESS, hosts.B.Accept(listener, out int server, out _));
        Assert.Equal(PalError.SUCCESS, hosts.B.GetNonBlocking(server, out bool serverNonBlocking));
        Assert.False(serverNonBlocking);   // accepted sockets start blocking
        Assert.Equal(PalError.EAGAIN, hosts.A.Receive(client, new byte[4], 0, out _));
        Assert.Equal(PalError.EAGAIN, hosts.A.Receive(client, new byte[4], SocketLayer.FlagPeek, out _));
        Assert.Equal(PalError.EAGAIN, hosts.B.Receive(server, new byte[4], SocketLayer.FlagDontWait, out _));

        // Zero timeout polls report nothing yet; data makes the socket readable.
        var readPoll = new PollRequest[] { new() { Fd = client, Events = PollEvents.In } };
        Assert.Equal(PalError.SUCCESS, hosts.A.Poll(readPoll, 0, out triggered));
        Assert.Equal(0, triggered);
        SendAll(hosts.B, server, new byte[] { 42 });
        Assert.Equal(PalError.SUCCESS, hosts.A.Poll(readPoll, 5000, out triggered));
        Assert.Equal(PollEvents.In, readPoll[0].Triggered);
        Assert.Equal(PalError.SUCCESS, hosts.A.Receive(client, new byte[4], 0, out int received));
        Assert.Equal(1, received);
    }

    [Fact]
    public void ReceiveTimeoutGivesEagain()
    {
        using var hosts = new SocketHosts();
        (int client, _, _) = hosts.Connected();
        Assert.Equal(PalError.SUCCESS, hosts.A.SetReceiveTimeout(client, 200));
        var watch = Stopwatch.StartNew();
        Assert.Equal(PalError.EAGAIN, hosts.A.Receive(client, new byte[4], 0, out _));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(190), TimeSpan.FromSeconds(5));
        Assert.Equal(PalError.EINVAL, hosts.A.SetReceiveTimeout(client, -1));
    }

    [Fact]
    public void ConnectionRefusedBlockingAndNonBlocking()
    {
        using var hosts = new SocketHosts();
        int blocking = NewTcp(hosts.A);
        Assert.Equal(PalError.ECONNREFUSED, hosts.A.Connect(blocking, new Ipv4Endpoint(AddressB, 9)));

        int nonBlocking = NewTcp(hosts.A);
        Assert.Equal(PalError.SUCCESS, hosts.A.SetNonBlocking(nonBlocking, true));
        Assert.Equal(PalError.EINPROGRESS, hosts.A.Connect(nonBlocking, new Ipv4Endpoint(AddressB, 9)));
        var poll = new PollRequest[] { new() { Fd = nonBlocking, Events = PollEvents.Out } };
        Assert.Equal(PalError.SUCCESS, hosts.A.Poll(poll, 5000, out int triggered));
        Assert.Equal(1, triggered);
        Assert.True((poll[0].Triggered & PollEvents.Err) != 0);
        Assert.Equal(PalError.SUCCESS, hosts.A.GetSocketErrorOption(nonBlocking, out PalError error));
        Assert.Equal(PalError.ECONNREFUSED, error);
        Assert.Equal(PalError.SUCCESS, hosts.A.GetSocketErrorOption(nonBlocking, out error));
        Assert.Equal(PalError.SUCCESS, error);   // reading SO_ERROR clears it

        // Nothing reaches an address with no route or our own (there is no loopback).
        int unroutable = NewTcp(hosts.A);
        Assert.Equal(PalError.ENETUNREACH, hosts.A.Connect(unroutable, new Ipv4Endpoint(new Ipv4Address(192, 168, 1, 1), 80)));
        Assert.Equal(PalError.ENETUNREACH, hosts.A.Connect(unroutable, new Ipv4Endpoint(new Ipv4Address(127, 0, 0, 1), 80)));
    }

    [Fact]
    public void PeerCloseAndResetReachTheReader()
    {
        using var hosts = new SocketHosts();
        (int client, int server, int listener) = hosts.Connected();
        SendAll(hosts.B, server, new byte[] { 7, 8 });
        Assert.Equal(PalError.SUCCESS, hosts.B.Close(server));
        Assert.Equal(new byte[] { 7, 8 }, ReceiveExactly(hosts.A, client, 2));   // data before FIN
        Assert.Equal(PalError.SUCCESS, hosts.A.Receive(client, new byte[4], 0, out int received));
        Assert.Equal(0, received);

        // Linger {on, 0}: close resets; the peer's reader gets ECONNRESET.
        int second = NewTcp(hosts.A);
        Assert.Equal(PalError.SUCCESS, hosts.A.Connect(second, new Ipv4Endpoint(AddressB, 5000)));
        Assert.Equal(PalError.SUCCESS, hosts.B.Accept(listener, out int accepted, out _));
        Assert.Equal(PalError.SUCCESS, hosts.B.SetLingerOption(accepted, true, 0));
        Assert.Equal(PalError.SUCCESS, hosts.B.Close(accepted));
        Assert.Equal(PalError.ECONNRESET, hosts.A.Receive(second, new byte[4], 0, out _));
        Assert.Equal(PalError.SUCCESS, hosts.A.Receive(second, new byte[4], 0, out received));
        Assert.Equal(0, received);
    }

    [Fact]
    public void CloseShutdownAndDisconnectWakeBlockedCallers()
    {
        using var hosts = new SocketHosts();
        (int client, int server, int listener) = hosts.Connected();

        PalError Blocked(Func<PalError> call, Action unblock)
        {
            var task = Task.Run(call);
            Thread.Sleep(100);
            Assert.False(task.IsCompleted);
            unblock();
            Assert.True(task.Wait(Limit));
            return task.Result;
        }

        Assert.Equal(PalError.EBADF, Blocked(() => hosts.A.Receive(client, new byte[4], 0, out _), () => hosts.A.Close(client)));
        Assert.Equal(PalError.EINVAL, Blocked(() => hosts.B.Accept(listener, out _, out _), () => hosts.B.Disconnect(listener)));

        (_, int server1, _) = hosts.Connected(5001);
        Assert.Equal(PalError.SUCCESS, Blocked(() => hosts.B.Receive(server1, new byte[4], 0, out _), () => hosts.B.Shutdown(server1, 2)));

        (int client2, int server2, _) = hosts.Connected(5002);
        Assert.Equal(PalError.ECONNABORTED, Blocked(() => hosts.B.Receive(server2, new byte[4], 0, out _), () => hosts.B.Disconnect(server2)));
        // The RST reaches the other side.
        Assert.Equal(PalError.ECONNRESET, hosts.A.Receive(client2, new byte[4], 0, out _));

        int udp = NewUdp(hosts.A);
        Assert.Equal(PalError.SUCCESS, hosts.A.Bind(udp, new Ipv4Endpoint(Ipv4Address.Any, 0)));
        Assert.Equal(PalError.EBADF, Blocked(() => hosts.A.ReceiveFrom(udp, new byte[4], 0, out _, out _, out _), () => hosts.A.Close(udp)));
    }

    [Fact]
    public void UdpCarriesDatagramsWithAddresses()
    {
        using var hosts = new SocketHosts();
        int receiver = NewUdp(hosts.B);
        Assert.Equal(PalError.SUCCESS, hosts.B.Bind(receiver, new Ipv4Endpoint(Ipv4Address.Any, 5353)));
        int sender = NewUdp(hosts.A);
        Assert.Equal(PalError.EDESTADDRREQ, hosts.A.Send(sender, new byte[1], 0, out _));
        Assert.Equal(PalError.SUCCESS, hosts.A.SendTo(sender, new byte[] { 1, 2, 3, 4, 5 }, 0, new Ipv4Endpoint(AddressB, 5353), out int sent));
        Assert.Equal(5, sent);
        Assert.Equal(PalError.SUCCESS, hosts.A.GetSockName(sender, out Ipv4Endpoint senderLocal));
        Assert.NotEqual(0, senderLocal.Port);   // bound on first send

        byte[] buffer = new byte[16];
        Assert.Equal(PalError.SUCCESS, hosts.B.ReceiveFrom(receiver, buffer, 0, out int received, out Ipv4Endpoint? from, out int flags));
        Assert.Equal((5, 0), (received, flags));
        Assert.Equal(new Ipv4Endpoint(AddressA, senderLocal.Port), from);

        // A datagram longer than the buffer is truncated and says so.
        Assert.Equal(PalError.SUCCESS, hosts.A.SendTo(sender, Pattern(100, 4), 0, new Ipv4Endpoint(AddressB, 5353), out _));
        Assert.Equal(PalError.SUCCESS, hosts.B.ReceiveFrom(receiver, buffer, 0, out received, out _, out flags));
        Assert.Equal((16, SocketLayer.FlagTruncated), (received, flags));

        // Connected: send without an address, hear only the peer.
        Assert.Equal(PalError.SUCCESS, hosts.B.Connect(receiver, new Ipv4Endpoint(AddressA, senderLocal.Port)));
        Assert.Equal(PalError.SUCCESS, hosts.B.Send(receiver, new byte[] { 9 }, 0, out _));
        Assert.Equal(PalError.SUCCESS, hosts.A.ReceiveFrom(sender, buffer, 0, out received, out from, out _));
        Assert.Equal((1, new Ipv4Endpoint(AddressB, 5353)), (received, from!.Value));
        Assert.Equal(PalError.EMSGSIZE, hosts.A.SendTo(sender, new byte[2000], 0, new Ipv4Endpoint(AddressB, 5353), out _));
        Assert.Equal(PalError.EACCES, hosts.A.SendTo(sender, new byte[1], 0, new Ipv4Endpoint(Ipv4Address.Broadcast, 5353), out _));

        Assert.Equal(PalError.SUCCESS, hosts.B.SetNonBlocking(receiver, true));
        Assert.Equal(PalError.EAGAIN, hosts.B.ReceiveFrom(receiver, buffer, 0, out _, out _, out _));
        Assert.Equal(PalError.SUCCESS, hosts.B.SetReceiveTimeout(receiver, 100));
    }

    [Fact]
    public void ListenBacklogHoldsSeveralPendingConnections()
    {
        using var hosts = new SocketHosts();
        int listener = Listener(hosts.B, 8080, backlog: 4);
        int[] clients = new int[4];
        for (int i = 0; i < clients.Length; i++)
        {
            clients[i] = NewTcp(hosts.A);
            Assert.Equal(PalError.SUCCESS, hosts.A.Connect(clients[i], new Ipv4Endpoint(AddressB, 8080)));
            SendAll(hosts.A, clients[i], new byte[] { (byte)i });
        }
        var ports = new HashSet<ushort>();
        for (int i = 0; i < clients.Length; i++)
        {
            Assert.Equal(PalError.SUCCESS, hosts.B.Accept(listener, out int server, out Ipv4Endpoint remote));
            Assert.True(ports.Add(remote.Port));
            Assert.Equal((byte)i, ReceiveExactly(hosts.B, server, 1)[0]);
        }
        // The backlog refills: one more connection gets through.
        int late = NewTcp(hosts.A);
        Assert.Equal(PalError.SUCCESS, hosts.A.Connect(late, new Ipv4Endpoint(AddressB, 8080)));
        Assert.Equal(PalError.SUCCESS, hosts.B.Accept(listener, out _, out _));

        // A second listener on the port is refused; after close, the port listens again.
        int rival = NewTcp(hosts.B);
        Assert.Equal(PalError.EADDRINUSE, hosts.B.Bind(rival, new Ipv4Endpoint(Ipv4Address.Any, 8080)));
        Assert.Equal(PalError.SUCCESS, hosts.B.Close(listener));
        Assert.Equal(PalError.SUCCESS, hosts.B.Bind(rival, new Ipv4Endpoint(Ipv4Address.Any, 8080)));
        Assert.Equal(PalError.SUCCESS, hosts.B.Listen(rival, int.MaxValue));
    }

    [Fact]
    public void EventPortsDeliverEdgesWithTheRegisteredData()
    {
        using var hosts = new SocketHosts();
        var events = new BlockingCollection<SocketEvent>();
        Assert.Equal(PalError.SUCCESS, hosts.A.CreatePort(out int port));
        var engine = new Thread(() =>
        {
            var buffer = new SocketEvent[16];
            while (hosts.A.WaitForEvents(port, buffer, out int count) == PalError.SUCCESS)
            {
                for (int i = 0; i < count; i++)
                {
                    events.Add(buffer[i]);
                }
            }
        })
        { IsBackground = true };
        engine.Start();

        SocketEvent Next()
        {
            Assert.True(events.TryTake(out SocketEvent e, Limit), "no event came");
            return e;
        }

        void NoEvent()
        {
            Assert.False(events.TryTake(out SocketEvent e, TimeSpan.FromMilliseconds(150)), $"unexpected event {e.Events} for {e.Data}");
        }

        int listener = Listener(hosts.B, 9000);
        int client = NewTcp(hosts.A);
        Assert.Equal(PalError.SUCCESS, hosts.A.SetNonBlocking(client, true));
        Assert.Equal(PalError.EINPROGRESS, hosts.A.Connect(client, new Ipv4Endpoint(AddressB, 9000)));
        Assert.Equal(PalError.EINVAL, hosts.A.ChangeRegistration(port, client, SocketEvents.None, (SocketEvents)0x40, 5));
        Assert.Equal(PalError.SUCCESS, hosts.A.ChangeRegistration(port, client, SocketEvents.None, SocketEvents.Read | SocketEvents.Write, 5));

        // Connected: one Write edge with the data, then silence (edge-triggered).
        SocketEvent connected = Next();
        Assert.Equal(5, connected.Data);
        Assert.Equal(SocketEvents.Write, connected.Events);
        NoEvent();

        Assert.Equal(PalError.SUCCESS, hosts.B.Accept(listener, out int server, out _));
        Assert.Equal(PalError.EAGAIN, hosts.A.Receive(client, new byte[8], 0, out _));
        SendAll(hosts.B, server, new byte[] { 1 });
        SocketEvent readable = Next();
        Assert.Equal((5, SocketEvents.Read), (readable.Data, readable.Events));
        NoEvent();
        // Still readable, not drained to EAGAIN: more data gives no new edge until a read says EAGAIN.
        Assert.Equal(PalError.SUCCESS, hosts.A.Receive(client, new byte[8], 0, out int received));
        Assert.Equal(1, received);
        Assert.Equal(PalError.EAGAIN, hosts.A.Receive(client, new byte[8], 0, out _));
        SendAll(hosts.B, server, new byte[] { 2 });
        Assert.Equal(SocketEvents.Read, Next().Events);

        // Peer reset: an Error edge with Read (the socket became readable with an error pending).
        Assert.Equal(PalError.SUCCESS, hosts.A.Receive(client, new byte[8], 0, out _));
        Assert.Equal(PalError.EAGAIN, hosts.A.Receive(client, new byte[8], 0, out _));
        Assert.Equal(PalError.SUCCESS, hosts.B.Disconnect(server));
        SocketEvent reset = Next();
        Assert.Equal(5, reset.Data);
        Assert.True((reset.Events & SocketEvents.Error) != 0 && (reset.Events & SocketEvents.Read) != 0, reset.Events.ToString());

        // A UDP socket registered later gets its Write edge at once, and a Read edge per arrival after EAGAIN.
        int udp = NewUdp(hosts.A);
        Assert.Equal(PalError.SUCCESS, hosts.A.Bind(udp, new Ipv4Endpoint(Ipv4Address.Any, 7777)));
        Assert.Equal(PalError.SUCCESS, hosts.A.SetNonBlocking(udp, true));
        Assert.Equal(PalError.EAGAIN, hosts.A.ReceiveFrom(udp, new byte[8], 0, out _, out _, out _));
        Assert.Equal(PalError.SUCCESS, hosts.A.ChangeRegistration(port, udp, SocketEvents.None, SocketEvents.Read | SocketEvents.Write, 6));
        SocketEvent writable = Next();
        Assert.Equal((6, SocketEvents.Write), (writable.Data, writable.Events));
        int peer = NewUdp(hosts.B);
        Assert.Equal(PalError.SUCCESS, hosts.B.SendTo(peer, new byte[] { 3 }, 0, new Ipv4Endpoint(AddressA, 7777), out _));
        SocketEvent datagram = Next();
        Assert.Equal((6, SocketEvents.Read), (datagram.Data, datagram.Events));

        // Close drops the registration: nothing more for that descriptor.
        Assert.Equal(PalError.SUCCESS, hosts.A.Close(udp));
        Assert.Equal(PalError.SUCCESS, hosts.B.SendTo(peer, new byte[] { 4 }, 0, new Ipv4Endpoint(AddressA, 7777), out _));
        NoEvent();
    }
}
