using System.Diagnostics;
using Minnow.Net.Tcp;
using Minnow.Net.Tests.Support;
using Xunit.Abstractions;

namespace Minnow.Net.Tests.Tcp;

/// <summary>
/// Property: whatever the link does (loss, reordering, duplication), every byte written arrives
/// once, in order, and the connection closes cleanly. Also reports CPU-bound protocol throughput.
/// </summary>
[Collection(CpuHeavy.Name)]
public class TcpBulkTransferTests(ITestOutputHelper output)
{
    private const int TenMegabytes = 10 * 1024 * 1024;

    [Fact]
    public void TenMegabytesSurviveTenPercentLossWithReorderingAndDuplication()
    {
        var conditions = new LinkConditions
        {
            LossRate = 0.10,
            ReorderRate = 0.05,
            DuplicationRate = 0.01,
            Delay = TimeSpan.FromMilliseconds(1),
            ReorderDelay = TimeSpan.FromMilliseconds(2),
        };
        var hosts = new TwoHosts(conditions, seed: 2024);
        // A lossy link needs its timeouts scaled to its RTT, as a LAN deployment would set them.
        var options = new TcpSocketOptions { MinRto = TimeSpan.FromMilliseconds(20) };
        (TcpSocket client, TcpSocket server) = ConnectOverLoss(hosts, options);
        var pump = new StreamPump(client, server, TenMegabytes);
        var watch = Stopwatch.StartNew();
        Assert.True(hosts.RunUntil(() => pump.EndOfStream, TimeSpan.FromHours(2), pump.Step), $"stalled at {pump.Read} bytes, client {client.State}, server {server.State}");
        watch.Stop();
        Assert.Equal(TenMegabytes, pump.Read);
        Assert.True(hosts.Link.FramesLost > 500, $"only {hosts.Link.FramesLost} frames lost");
        Assert.True(hosts.Link.FramesReordered > 100);
        Assert.True(hosts.Link.FramesDuplicated > 10);
        output.WriteLine($"10 MiB over 10% loss: {watch.Elapsed.TotalSeconds:F2} s CPU-bound wall time, {hosts.Now.TotalSeconds:F1} s simulated; "
            + $"{client.RetransmittedSegments} retransmissions, {hosts.Link.FramesLost} lost, {hosts.Link.FramesReordered} reordered, {hosts.Link.FramesDuplicated} duplicated");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void SeededLossyLinksAllDeliverEveryByte(int seed)
    {
        var random = new Random(seed);
        var conditions = new LinkConditions
        {
            LossRate = random.NextDouble() * 0.2,
            ReorderRate = random.NextDouble() * 0.2,
            DuplicationRate = random.NextDouble() * 0.05,
            Delay = TimeSpan.FromMilliseconds(random.Next(1, 30)),
            ReorderDelay = TimeSpan.FromMilliseconds(random.Next(1, 20)),
        };
        var hosts = new TwoHosts(conditions, seed);
        var options = new TcpSocketOptions { MinRto = TimeSpan.FromMilliseconds(50), ReceiveBufferSize = 64 * 1024 << (seed % 5) };
        (TcpSocket client, TcpSocket server) = ConnectOverLoss(hosts, options);
        int total = 500_000 + random.Next(100_000);
        var forward = new StreamPump(client, server, total);
        var backward = new StreamPump(server, client, total / 3);
        Assert.True(hosts.RunUntil(() => forward.EndOfStream && backward.EndOfStream, TimeSpan.FromHours(1), () => forward.Step() | backward.Step()), conditions.ToString());
        Assert.Equal(total, forward.Read);
        Assert.Equal(total / 3, backward.Read);
    }

    [Fact]
    public void ThroughputOverAPerfectLink()
    {
        var hosts = new TwoHosts();
        (TcpSocket client, TcpSocket server) = hosts.Connect();
        const int Total = 64 * 1024 * 1024;
        var pump = new StreamPump(client, server, Total);
        var watch = Stopwatch.StartNew();
        Assert.True(hosts.RunUntil(() => pump.EndOfStream, TimeSpan.FromHours(1), pump.Step));
        watch.Stop();
        double megabytesPerSecond = Total / 1e6 / watch.Elapsed.TotalSeconds;
        output.WriteLine($"64 MiB, perfect link: {watch.Elapsed.TotalSeconds:F2} s, {megabytesPerSecond:F0} MB/s of protocol processing (both stacks, pattern generation and checking included, one core)");
        Assert.Equal(Total, pump.Read);
    }

    [Theory]
    [InlineData(TransmitOffloads.TcpChecksum | TransmitOffloads.TcpSegmentation)]
    [InlineData(TransmitOffloads.TcpChecksum)]
    public void WithTransmitOffloadEveryByteArrivesInOrdinaryFramesOverALossyLink(TransmitOffloads offloads)
    {
        // Host A's device checksums (and cuts up) its TCP segments the way a NIC does
        // (SoftwareOffload); host B has no offload and verifies every checksum it receives.
        var conditions = new LinkConditions
        {
            LossRate = 0.05,
            ReorderRate = 0.05,
            DuplicationRate = 0.01,
            Delay = TimeSpan.FromMilliseconds(1),
            ReorderDelay = TimeSpan.FromMilliseconds(2),
        };
        var hosts = new TwoHosts(conditions, seed: 77, offloadsA: offloads);
        int longest = 0;
        hosts.Link.DropIf = (side, frame) =>
        {
            longest = Math.Max(longest, frame.Length);
            return false;
        };
        var options = new TcpSocketOptions { MinRto = TimeSpan.FromMilliseconds(20) };
        (TcpSocket client, TcpSocket server) = ConnectOverLoss(hosts, options);
        const int Total = 4 << 20;
        var forward = new StreamPump(client, server, Total);
        var backward = new StreamPump(server, client, Total / 4);
        Assert.True(hosts.RunUntil(() => forward.EndOfStream && backward.EndOfStream, TimeSpan.FromHours(1), () => forward.Step() | backward.Step()),
            $"stalled at {forward.Read} and {backward.Read} bytes");
        Assert.Equal(Total, forward.Read);
        Assert.Equal(Total / 4, backward.Read);
        Assert.Equal(0, hosts.B.Drops[DropReason.TcpBadChecksum]);
        Assert.True(longest <= 1514, $"a {longest}-byte frame went on the wire");
        Assert.True(hosts.Link.A.OffloadedFrames > 1000, $"{hosts.Link.A.OffloadedFrames} frames offloaded");
        Assert.Equal(hosts.Link.A.OffloadedFrames, hosts.A.Statistics.OffloadedFramesSent);
        if ((offloads & TransmitOffloads.TcpSegmentation) != 0)
        {
            Assert.True(hosts.A.Statistics.SegmentedFramesSent > 100, $"{hosts.A.Statistics.SegmentedFramesSent} segments longer than the MSS");
            Assert.Equal(hosts.A.Statistics.SegmentedFramesSent, hosts.Link.A.SegmentedFrames);
        }
        else
        {
            Assert.Equal(0, hosts.A.Statistics.SegmentedFramesSent);
        }
    }

    [Fact]
    public void OnAVlanTheStackChecksumsAndSegmentsItself()
    {
        var vlan = new InterfaceOptions { Secret = 0xA, VlanId = 10 };
        var hosts = new TwoHosts(optionsA: vlan, optionsB: new InterfaceOptions { Secret = 0xB, VlanId = 10 }, offloadsA: TransmitOffloads.TcpChecksum | TransmitOffloads.TcpSegmentation);
        (TcpSocket client, TcpSocket server) = ConnectOverLoss(hosts, new TcpSocketOptions());
        var pump = new StreamPump(client, server, 1 << 20);
        Assert.True(hosts.RunUntil(() => pump.EndOfStream, TimeSpan.FromMinutes(10), pump.Step));
        Assert.Equal(1 << 20, pump.Read);
        Assert.Equal(0, hosts.Link.A.OffloadedFrames);
    }

    private static (TcpSocket Client, TcpSocket Server) ConnectOverLoss(TwoHosts hosts, TcpSocketOptions options)
    {
        TcpSocket server = hosts.B.CreateTcpSocket(options);
        server.Listen(5001);
        TcpSocket client = hosts.A.CreateTcpSocket(options);
        client.Connect(new Ipv4Endpoint(TwoHosts.AddressB, 5001));
        Assert.True(hosts.RunUntil(() => client.IsConnected && server.IsConnected, TimeSpan.FromMinutes(5)));
        return (client, server);
    }
}
