using System.Diagnostics;
using Minnow.Net.Dhcp;
using Minnow.Net.Tcp;
using Minnow.Net.Tests.Support;
using Minnow.Net.Wire;
using Xunit.Abstractions;

namespace Minnow.Net.Tests.Fuzz;

/// <summary>
/// Feeds a live interface (with a TCP connection, a listener, UDP and raw sockets) millions of
/// random and mutated frames. Nothing may throw, counters must account for every frame, socket
/// invariants must hold, and the stack must still work afterwards.
/// </summary>
[Collection(CpuHeavy.Name)]
public class FrameFuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);
    private const int MaxFrames = 3_000_000;

    [Fact]
    public void RandomAndMutatedFramesNeitherThrowNorBreakTheStack()
    {
        var hosts = new TwoHosts(seed: 99);
        var corpus = new List<byte[]>();
        hosts.Link.DropIf = (side, frame) =>
        {
            if (side == 0)
            {
                corpus.Add(frame.ToArray());
            }
            return false;
        };
        // Build a corpus of what A legitimately sends B: ARP, TCP handshake, data, UDP.
        (TcpSocket client, TcpSocket server) = hosts.Connect(5001);
        var pump = new StreamPump(client, server, 50_000, closeWhenDone: false);
        Assert.True(hosts.RunUntil(() => pump.Read == 50_000, TimeSpan.FromSeconds(30), pump.Step));
        var udpServer = hosts.B.CreateUdpSocket(receiveBytes: 8192, datagrams: 8);
        udpServer.Bind(7);
        var udpClient = hosts.A.CreateUdpSocket();
        udpClient.TrySendTo("datagram"u8, new Ipv4Endpoint(TwoHosts.AddressB, 7));
        TcpSocket listener = hosts.B.CreateTcpSocket(new TcpSocketOptions { ReceiveBufferSize = 16384, SendBufferSize = 16384 });
        listener.Listen(80);
        TcpSocket other = hosts.A.CreateTcpSocket();
        other.Connect(new Ipv4Endpoint(TwoHosts.AddressB, 80));
        hosts.RunUntil(() => other.IsConnected && udpServer.ReceiveQueueCount > 0, TimeSpan.FromSeconds(10));
        listener.Abort();
        listener.Listen(80);
        var raw = hosts.B.CreateRawEndpoint(0x88B5, 0, receiveBytes: 4096, frames: 4);
        byte[] rawFrame = new byte[60];
        EthernetFrame.Write(rawFrame, hosts.Link.B.MacAddress, hosts.Link.A.MacAddress, 0x88B5);
        corpus.Add(rawFrame);
        Assert.True(corpus.Count > 20);

        // From here B's replies vanish; only B's handling of its input is under test.
        hosts.Link.DropIf = (_, _) => true;
        var random = new Random(20240601);
        byte[] frame = new byte[1600];
        long framesBefore = hosts.B.Statistics.FramesReceived;
        long injected = 0;
        var watch = Stopwatch.StartNew();
        TimeSpan now = hosts.Now;
        byte[] sink = new byte[65536];
        while (injected < MaxFrames && watch.Elapsed < Budget)
        {
            for (int batch = 0; batch < 256; batch++)
            {
                int length = Mutate(random, corpus, frame);
                hosts.Link.B.Inject(frame.AsSpan(0, length));
                injected++;
            }
            now += TimeSpan.FromMilliseconds(random.Next(0, 50));
            hosts.Link.AdvanceTo(now);
            hosts.B.Poll(now);
            // Programs keep draining their sockets, as real ones would.
            while (server.TryReceive(sink, out int n) == TcpReceiveStatus.Ok && n > 0)
            {
            }
            while (udpServer.TryReceiveFrom(sink, out _, out _))
            {
            }
            while (raw.TryReceive(sink, out _, out _))
            {
            }
            CheckInvariants(server);
            CheckInvariants(listener);
        }
        watch.Stop();
        long processed = hosts.B.Statistics.FramesReceived - framesBefore;
        output.WriteLine($"{processed:N0} frames in {watch.Elapsed.TotalSeconds:F1} s ({processed / watch.Elapsed.TotalSeconds:N0}/s); drops: {hosts.B.Drops}");
        output.WriteLine($"established socket ended {server.State} ({server.Error}); listener {listener.State}");
        Assert.Equal(injected, processed);
        // A floor, not a benchmark: shared CI cores are slow; the count is printed above.
        Assert.True(processed >= 200_000, $"only {processed} frames in the time budget");

        // The stack still works: a fresh UDP datagram and a fresh TCP connection get through.
        hosts.Link.DropIf = null;
        hosts.Link.AdvanceTo(now + TimeSpan.FromSeconds(1));
        var probe = hosts.A.CreateUdpSocket();
        var echo = hosts.B.CreateUdpSocket();
        echo.Bind(9999);
        probe.TrySendTo("still alive"u8, new Ipv4Endpoint(TwoHosts.AddressB, 9999));
        Assert.True(hosts.RunUntil(() => echo.ReceiveQueueCount == 1, TimeSpan.FromSeconds(10)));
        TcpSocket fresh = hosts.B.CreateTcpSocket();
        fresh.Listen(8080);
        TcpSocket dialer = hosts.A.CreateTcpSocket();
        dialer.Connect(new Ipv4Endpoint(TwoHosts.AddressB, 8080));
        Assert.True(hosts.RunUntil(() => dialer.IsConnected && fresh.IsConnected, TimeSpan.FromSeconds(30)));
        var after = new StreamPump(dialer, fresh, 100_000);
        Assert.True(hosts.RunUntil(() => after.EndOfStream, TimeSpan.FromSeconds(60), after.Step));
    }

    [Fact]
    public void ParsersSurviveRandomInput()
    {
        var random = new Random(7);
        byte[] buffer = new byte[600];
        var watch = Stopwatch.StartNew();
        int iterations = 0;
        while (iterations < 2_000_000 && watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            int length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            ReadOnlySpan<byte> input = buffer.AsSpan(0, length);
            if (length > 240 && random.Next(2) == 0)
            {
                // Give DHCP's option walker real work behind a valid cookie.
                buffer[236] = 0x63; buffer[237] = 0x82; buffer[238] = 0x53; buffer[239] = 0x63;
                buffer[1] = 1; buffer[2] = 6;
            }
            _ = EthernetFrame.TryParse(input, out _);
            _ = ArpPacket.TryParse(input, out _);
            _ = Ipv4Header.TryParse(input, out _);
            _ = IcmpMessage.TryParse(input, out _);
            _ = UdpHeader.TryParse(input, default, default, out _);
            _ = TcpHeader.TryParse(input, default, default, out _);
            _ = TcpOptions.TryParse(input[..Math.Min(length, 40)], out _);
            _ = DhcpMessage.TryParse(input, out _);
            iterations++;
        }
        output.WriteLine($"{iterations:N0} random inputs through every parser in {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(iterations > 10_000);
    }

    [Fact]
    public void DhcpClientSurvivesMutatedReplies()
    {
        var hosts = new TwoHosts(seed: 5);
        hosts.A.Deconfigure();
        var client = new DhcpClient(hosts.A, seed: 3);
        var server = new TestDhcpServer(hosts.B, TwoHosts.AddressB);
        var replies = new List<byte[]>();
        hosts.Link.DropIf = (side, frame) =>
        {
            if (side == 1)
            {
                replies.Add(frame.ToArray());
            }
            return false;
        };
        hosts.ProgramDeadlines.Add(() => client.NextPollAt);
        Assert.True(hosts.RunUntil(() => client.State == DhcpState.Bound, TimeSpan.FromSeconds(30), () => { client.Poll(hosts.Now); return server.Step(hosts.Now); }));
        hosts.A.Deconfigure();
        var random = new Random(11);
        byte[] frame = new byte[1600];
        for (int i = 0; i < 200_000; i++)
        {
            int length = Mutate(random, replies, frame);
            hosts.Link.A.Inject(frame.AsSpan(0, length));
            if (i % 64 == 0)
            {
                hosts.A.Poll(hosts.Now);
                client.Poll(hosts.Now);
            }
        }
        Assert.True(client.MalformedMessages + client.IgnoredMessages > 0);
        Assert.True(Enum.IsDefined(client.State));
    }

    private static void CheckInvariants(TcpSocket socket)
    {
        Assert.True(Enum.IsDefined(socket.State));
        Assert.InRange(socket.BytesAvailable, 0, 1024 * 1024);
        Assert.InRange(socket.BytesUnacknowledged, 0, 1024 * 1024);
        Assert.True(socket.CongestionWindow >= 0);
        if (socket.State == TcpState.Closed)
        {
            Assert.True(socket.Error != TcpError.None || socket.PeerClosed, "closed without a reason");
        }
    }

    /// <summary>Random bytes, or a corpus frame with a few mutations, sometimes with checksums repaired.</summary>
    private static int Mutate(Random random, List<byte[]> corpus, byte[] frame)
    {
        if (random.Next(10) == 0)
        {
            int n = random.Next(0, frame.Length);
            random.NextBytes(frame.AsSpan(0, n));
            return n;
        }
        byte[] seed = corpus[random.Next(corpus.Count)];
        int length = seed.Length;
        seed.CopyTo(frame, 0);
        int mutations = random.Next(1, 5);
        for (int m = 0; m < mutations; m++)
        {
            switch (random.Next(6))
            {
                case 0: // flip a bit
                    frame[random.Next(length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1: // set a byte to an interesting value
                    frame[random.Next(length)] = (byte)(random.Next(4) switch { 0 => 0, 1 => 0xFF, 2 => 0x7F, _ => random.Next(256) });
                    break;
                case 2: // truncate
                    length = random.Next(length + 1);
                    break;
                case 3: // extend with garbage
                    int extra = random.Next(0, Math.Min(200, frame.Length - length));
                    random.NextBytes(frame.AsSpan(length, extra));
                    length += extra;
                    break;
                case 4: // rewrite a header field region (lengths, offsets, flags, sequence numbers)
                    int at = random.Next(14, Math.Max(15, Math.Min(length, 80)));
                    if (at + 2 <= length)
                    {
                        frame[at] = (byte)random.Next(256);
                        frame[at + 1] = (byte)random.Next(256);
                    }
                    break;
                case 5: // swap in bytes from another frame
                    byte[] other = corpus[random.Next(corpus.Count)];
                    int from = random.Next(other.Length);
                    int count = random.Next(Math.Min(other.Length - from, length) + 1);
                    int to = random.Next(length - count + 1);
                    Array.Copy(other, from, frame, to, count);
                    break;
            }
        }
        if (random.Next(2) == 0)
        {
            ChecksumFixer.Fix(frame.AsSpan(0, length));
        }
        return length;
    }
}
