using Minnow.Net.Tcp;
using Minnow.Net.Tests.Support;

namespace Minnow.Net.Tests.Tcp;

public class TcpConnectionTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [Fact]
    public void ThreeWayHandshakeNegotiatesMssAndWindowScaling()
    {
        var hosts = new TwoHosts();
        (TcpSocket client, TcpSocket server) = hosts.Connect();
        Assert.Equal(1460, client.MaxSegmentSize);
        Assert.Equal(1460, server.MaxSegmentSize);
        Assert.Equal(new Ipv4Endpoint(TwoHosts.AddressB, 5001), client.RemoteEndpoint);
        Assert.Equal(new Ipv4Endpoint(TwoHosts.AddressA, client.LocalEndpoint.Port), server.RemoteEndpoint);
        Assert.Equal(new Ipv4Endpoint(TwoHosts.AddressB, 5001), server.LocalEndpoint);
        Assert.True(client.RttEstimator.HasSample);
    }

    [Fact]
    public void CarriesDataBothWays()
    {
        var hosts = new TwoHosts();
        (TcpSocket client, TcpSocket server) = hosts.Connect();
        Assert.Equal(TcpSendStatus.Ok, client.TrySend("request"u8, out int written));
        Assert.Equal(7, written);
        Assert.True(hosts.RunUntil(() => server.BytesAvailable == 7, Limit));
        byte[] buffer = new byte[64];
        Assert.Equal(TcpReceiveStatus.Ok, server.TryReceive(buffer, out int read));
        Assert.Equal("request", System.Text.Encoding.ASCII.GetString(buffer, 0, read));
        server.TrySend("response"u8, out _);
        Assert.True(hosts.RunUntil(() => client.BytesAvailable == 8, Limit));
        Assert.Equal(TcpReceiveStatus.Ok, client.TryReceive(buffer, out read));
        Assert.Equal("response", System.Text.Encoding.ASCII.GetString(buffer, 0, read));
        Assert.Equal(TcpReceiveStatus.WouldBlock, client.TryReceive(buffer, out _));
    }

    [Fact]
    public void ConnectingToAClosedPortIsRefused()
    {
        var hosts = new TwoHosts();
        TcpSocket client = hosts.A.CreateTcpSocket();
        client.Connect(new Ipv4Endpoint(TwoHosts.AddressB, 9));
        Assert.True(hosts.RunUntil(() => client.State == TcpState.Closed, Limit));
        Assert.Equal(TcpError.ConnectionRefused, client.Error);
        Assert.Equal(1, hosts.B.Drops[DropReason.TcpNoSocket]);
        Assert.Equal(TcpReceiveStatus.NotConnected, client.TryReceive(new byte[1], out _));
    }

    [Fact]
    public void GracefulCloseGoesThroughTimeWait()
    {
        var hosts = new TwoHosts();
        (TcpSocket client, TcpSocket server) = hosts.Connect();
        client.TrySend("last words"u8, out _);
        client.Close();
        Assert.Equal(TcpState.FinWait1, client.State);
        Assert.True(hosts.RunUntil(() => server.State == TcpState.CloseWait && client.State == TcpState.FinWait2, Limit));
        byte[] buffer = new byte[64];
        Assert.Equal(TcpReceiveStatus.Ok, server.TryReceive(buffer, out int read));
        Assert.Equal(10, read);
        Assert.Equal(TcpReceiveStatus.EndOfStream, server.TryReceive(buffer, out _));
        // Half-closed: the server can still send.
        server.TrySend("bye"u8, out _);
        server.Close();
        Assert.Equal(TcpState.LastAck, server.State);
        Assert.True(hosts.RunUntil(() => server.State == TcpState.Closed && client.State == TcpState.TimeWait, Limit));
        Assert.Equal(TcpReceiveStatus.Ok, client.TryReceive(buffer, out read));
        Assert.Equal("bye", System.Text.Encoding.ASCII.GetString(buffer, 0, read));
        Assert.Equal(TcpReceiveStatus.EndOfStream, client.TryReceive(buffer, out _));
        TimeSpan enteredTimeWait = hosts.Now;
        Assert.True(hosts.RunUntil(() => client.State == TcpState.Closed, Limit));
        Assert.InRange(hosts.Now - enteredTimeWait, TimeSpan.FromSeconds(59), TimeSpan.FromSeconds(61));
        Assert.Equal(TcpError.None, client.Error);
        Assert.Equal(TcpError.None, server.Error);
    }

    [Fact]
    public void SimultaneousCloseGoesThroughClosing()
    {
        var hosts = new TwoHosts();
        (TcpSocket client, TcpSocket server) = hosts.Connect();
        client.Close();
        server.Close();
        Assert.True(hosts.RunUntil(() => client.State == TcpState.TimeWait && server.State == TcpState.TimeWait, Limit));
    }

    [Fact]
    public void AbortResetsThePeer()
    {
        var hosts = new TwoHosts();
        (TcpSocket client, TcpSocket server) = hosts.Connect();
        client.TrySend(new byte[5000], out _);
        client.Abort();
        Assert.Equal(TcpState.Closed, client.State);
        Assert.Equal(TcpError.Aborted, client.Error);
        Assert.True(hosts.RunUntil(() => server.State == TcpState.Closed, Limit));
        Assert.Equal(TcpError.ConnectionReset, server.Error);
    }

    [Fact]
    public void ListenerServesOneConnectionPerSocketAndOthersWaitOnTheSamePort()
    {
        var hosts = new TwoHosts();
        TcpSocket first = hosts.B.CreateTcpSocket();
        TcpSocket second = hosts.B.CreateTcpSocket();
        first.Listen(80);
        second.Listen(80);
        TcpSocket c1 = hosts.A.CreateTcpSocket();
        TcpSocket c2 = hosts.A.CreateTcpSocket();
        c1.Connect(new Ipv4Endpoint(TwoHosts.AddressB, 80));
        c2.Connect(new Ipv4Endpoint(TwoHosts.AddressB, 80));
        Assert.True(hosts.RunUntil(() => c1.IsConnected && c2.IsConnected && first.IsConnected && second.IsConnected, Limit));
        Assert.NotEqual(first.RemoteEndpoint, second.RemoteEndpoint);
        Assert.NotEqual(c1.LocalEndpoint.Port, c2.LocalEndpoint.Port);
    }

    [Fact]
    public void LostSynIsRetransmittedAfterTheInitialRto()
    {
        var hosts = new TwoHosts(new LinkConditions { LossRate = 1.0 });
        TcpSocket server = hosts.B.CreateTcpSocket();
        server.Listen(80);
        TcpSocket client = hosts.A.CreateTcpSocket();
        client.Connect(new Ipv4Endpoint(TwoHosts.AddressB, 80));
        // ARP is lost too; let resolution fail once, then heal the link.
        hosts.RunUntil(() => false, TimeSpan.FromSeconds(0.5));
        hosts.Link.Conditions = LinkConditions.Perfect;
        Assert.True(hosts.RunUntil(() => client.IsConnected, Limit));
        Assert.True(hosts.Now >= TimeSpan.FromSeconds(1), "no SYN went out before the first timeout");
        Assert.True(client.RetransmittedSegments >= 1);
    }

    [Fact]
    public void ConnectionTimesOutWhenThePeerVanishes()
    {
        var hosts = new TwoHosts();
        (TcpSocket client, _) = hosts.Connect(clientOptions: new TcpSocketOptions { MaxRetransmissions = 4 });
        hosts.Link.Conditions = new LinkConditions { LossRate = 1.0 };
        client.TrySend("anyone there?"u8, out _);
        TimeSpan start = hosts.Now;
        Assert.True(hosts.RunUntil(() => client.State == TcpState.Closed, TimeSpan.FromMinutes(10)));
        Assert.Equal(TcpError.TimedOut, client.Error);
        // Backoff: 1 + 2 + 4 + 8 + 16 s of timeouts (the first RTO is at least the 1 s minimum).
        Assert.InRange(hosts.Now - start, TimeSpan.FromSeconds(31), TimeSpan.FromSeconds(40));
    }

    [Fact]
    public void SingleLostSegmentIsRecoveredByFastRetransmitNotByTimeout()
    {
        var hosts = new TwoHosts();
        (TcpSocket client, TcpSocket server) = hosts.Connect();
        var pump = new StreamPump(client, server, 200_000, closeWhenDone: false);
        int dataFrames = 0;
        // Lose exactly the 40th full-sized frame from A.
        hosts.Link.DropIf = (side, frame) => side == 0 && frame.Length > 1000 && ++dataFrames == 40;
        TimeSpan start = hosts.Now;
        Assert.True(hosts.RunUntil(() => pump.Read == 200_000, Limit, pump.Step));
        Assert.True(dataFrames >= 40);
        Assert.Equal(1, hosts.Link.FramesLost);
        Assert.Equal(1, client.RetransmittedSegments);
        Assert.True(hosts.Now - start < TimeSpan.FromSeconds(1), $"took {hosts.Now - start}: recovered by RTO, not fast retransmit");
    }

    [Fact]
    public void ZeroWindowStallsTheSenderUntilTheReaderDrainsThenResumes()
    {
        var hosts = new TwoHosts();
        var small = new TcpSocketOptions { ReceiveBufferSize = 8192 };
        (TcpSocket client, TcpSocket server) = hosts.Connect(serverOptions: small);
        var pump = new StreamPump(client, server, 100_000) { ReaderPaused = true };
        hosts.RunUntil(() => false, TimeSpan.FromSeconds(30), pump.Step);
        Assert.Equal(8192, server.BytesAvailable);
        Assert.True(client.BytesUnacknowledged > 0);
        Assert.Equal(TcpError.None, client.Error);
        pump.ReaderPaused = false;
        Assert.True(hosts.RunUntil(() => pump.EndOfStream, TimeSpan.FromSeconds(600), pump.Step));
        Assert.Equal(100_000, pump.Read);
    }

    [Fact]
    public void ZeroWindowProbeRecoversFromALostWindowUpdate()
    {
        var hosts = new TwoHosts();
        var small = new TcpSocketOptions { ReceiveBufferSize = 4096 };
        (TcpSocket client, TcpSocket server) = hosts.Connect(serverOptions: small);
        var pump = new StreamPump(client, server, 20_000) { ReaderPaused = true };
        hosts.RunUntil(() => false, TimeSpan.FromSeconds(5), pump.Step);
        Assert.Equal(4096, server.BytesAvailable);
        // Drain the receiver while the link loses everything, so the window update is lost.
        hosts.Link.Conditions = new LinkConditions { LossRate = 1.0 };
        pump.ReaderPaused = false;
        pump.Step();
        pump.ReaderPaused = true;
        hosts.RunUntil(() => false, TimeSpan.FromMilliseconds(100));
        Assert.True(hosts.Link.FramesLost >= 1);
        hosts.Link.Conditions = LinkConditions.Perfect;
        pump.ReaderPaused = false;
        Assert.True(hosts.RunUntil(() => pump.EndOfStream, TimeSpan.FromSeconds(300), pump.Step));
        Assert.Equal(20_000, pump.Read);
    }

    [Fact]
    public void NagleHoldsSmallSegmentsWhileDataIsUnacknowledgedAndNoDelaySendsThem()
    {
        Assert.Equal(1, SmallSegmentsSentBeforeFirstAck(noDelay: false));
        Assert.Equal(3, SmallSegmentsSentBeforeFirstAck(noDelay: true));
    }

    private static int SmallSegmentsSentBeforeFirstAck(bool noDelay)
    {
        var hosts = new TwoHosts(new LinkConditions { Delay = TimeSpan.FromMilliseconds(50) });
        (TcpSocket client, _) = hosts.Connect();
        client.NoDelay = noDelay;
        long before = hosts.A.Statistics.FramesSent;
        for (int i = 0; i < 3; i++)
        {
            client.TrySend("x"u8, out _);
            hosts.A.Poll(hosts.Now);
        }
        return (int)(hosts.A.Statistics.FramesSent - before);
    }

    [Fact]
    public void WindowScalingAllowsMoreThan64KiBInFlight()
    {
        var hosts = new TwoHosts(new LinkConditions { Delay = TimeSpan.FromMilliseconds(20) });
        (TcpSocket client, TcpSocket server) = hosts.Connect();
        var pump = new StreamPump(client, server, 4_000_000);
        long maxInFlight = 0;
        Assert.True(hosts.RunUntil(() => pump.EndOfStream, Limit, () =>
        {
            maxInFlight = Math.Max(maxInFlight, client.BytesUnacknowledged);
            return pump.Step();
        }));
        Assert.True(client.CongestionWindow > 65535, $"cwnd {client.CongestionWindow}");
        Assert.True(maxInFlight > 65535, $"at most {maxInFlight} bytes were ever unacknowledged");
    }
}
