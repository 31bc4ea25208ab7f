using System.Buffers.Binary;
using Minnow.Net.Dhcp;
using Minnow.Net.Tests.Support;

namespace Minnow.Net.Tests.Dhcp;

public class DhcpClientTests
{
    private static (TwoHosts Hosts, DhcpClient Client, TestDhcpServer Server, List<DhcpEvent> Events) Setup(uint leaseSeconds = 3600)
    {
        var hosts = new TwoHosts();
        hosts.A.Deconfigure();
        var client = new DhcpClient(hosts.A, seed: 7);
        var server = new TestDhcpServer(hosts.B, TwoHosts.AddressB) { LeaseSeconds = leaseSeconds };
        hosts.ProgramDeadlines.Add(() => client.NextPollAt);
        return (hosts, client, server, []);
    }

    private static bool Run(TwoHosts hosts, DhcpClient client, TestDhcpServer server, List<DhcpEvent> events, Func<bool> done, TimeSpan limit) =>
        hosts.RunUntil(done, limit, () =>
        {
            DhcpEvent e = client.Poll(hosts.Now);
            if (e != DhcpEvent.None)
            {
                events.Add(e);
            }
            return server.Step(hosts.Now) | e != DhcpEvent.None;
        });

    [Fact]
    public void DiscoverOfferRequestAckConfiguresTheInterface()
    {
        (TwoHosts hosts, DhcpClient client, TestDhcpServer server, List<DhcpEvent> events) = Setup();
        Assert.True(Run(hosts, client, server, events, () => client.State == DhcpState.Bound, TimeSpan.FromSeconds(30)));
        Assert.Equal([DhcpEvent.Configured], events);
        Assert.Equal(new Ipv4Cidr(new Ipv4Address(10, 0, 0, 50), 24), hosts.A.Address);
        Assert.Equal(TwoHosts.AddressB, hosts.A.Gateway);
        DhcpLease lease = client.Lease!;
        Assert.Equal(TwoHosts.AddressB, lease.Server);
        Assert.Equal([TwoHosts.AddressB, new Ipv4Address(1, 1, 1, 1)], lease.DnsServers);
        Assert.Equal(TimeSpan.FromSeconds(1800), lease.RenewAfter);
        Assert.Equal(TimeSpan.FromSeconds(3150), lease.RebindAfter);

        Assert.Equal(2, server.Log.Count);
        TestDhcpServer.Received discover = server.Log[0];
        Assert.Equal(1, discover.MessageType);
        Assert.Equal(new Ipv4Endpoint(Ipv4Address.Any, 68), discover.From);
        Assert.Equal(Ipv4Address.Broadcast, discover.SentTo);
        Assert.Equal(0x8000, discover.Flags);
        // The fixed header: htype 1, hlen 6, chaddr = the MAC, padded to 300 bytes.
        Assert.Equal(1, discover.Raw[1]);
        Assert.Equal(6, discover.Raw[2]);
        Assert.Equal(hosts.Link.A.MacAddress, MacAddress.Read(discover.Raw.AsSpan(28)));
        Assert.True(discover.Raw.Length >= 300);
        TestDhcpServer.Received request = server.Log[1];
        Assert.Equal(3, request.MessageType);
        Assert.Equal(discover.TransactionId, request.TransactionId);
        Assert.Equal(new Ipv4Address(10, 0, 0, 50), request.RequestedAddress);
        Assert.Equal(TwoHosts.AddressB, request.ServerId);
        Assert.True(request.ClientAddress.IsAny);
    }

    [Fact]
    public void ConfiguredInterfaceCarriesTraffic()
    {
        (TwoHosts hosts, DhcpClient client, TestDhcpServer server, List<DhcpEvent> events) = Setup();
        Assert.True(Run(hosts, client, server, events, () => client.State == DhcpState.Bound, TimeSpan.FromSeconds(30)));
        var tcpServer = hosts.B.CreateTcpSocket();
        tcpServer.Listen(80);
        var tcpClient = hosts.A.CreateTcpSocket();
        Assert.Equal(Minnow.Net.Tcp.TcpOpenStatus.Ok, tcpClient.Connect(new Ipv4Endpoint(TwoHosts.AddressB, 80)));
        Assert.True(hosts.RunUntil(() => tcpClient.IsConnected, TimeSpan.FromSeconds(10)));
        Assert.Equal(new Ipv4Address(10, 0, 0, 50), tcpServer.RemoteEndpoint.Address);
    }

    [Fact]
    public void RetransmitsDiscoverWithExponentialBackoff()
    {
        (TwoHosts hosts, DhcpClient client, TestDhcpServer server, List<DhcpEvent> events) = Setup();
        server.Silent = true;
        Run(hosts, client, server, events, () => false, TimeSpan.FromSeconds(200));
        TimeSpan[] times = server.Log.Select(r => r.At).ToArray();
        Assert.All(server.Log, r => Assert.Equal(1, r.MessageType));
        // 4, 8, 16, 32, 64, 64 s apart, each within a second of jitter (RFC 2131 4.1).
        double[] expected = [4, 8, 16, 32, 64, 64];
        Assert.True(times.Length >= 6, $"only {times.Length} DISCOVERs");
        for (int i = 1; i < Math.Min(times.Length, 7); i++)
        {
            Assert.InRange((times[i] - times[i - 1]).TotalSeconds, expected[i - 1] - 1.001, expected[i - 1] + 1.001);
        }
        Assert.Null(hosts.A.Address);
    }

    [Fact]
    public void RenewsByUnicastAtT1()
    {
        (TwoHosts hosts, DhcpClient client, TestDhcpServer server, List<DhcpEvent> events) = Setup(leaseSeconds: 600);
        Assert.True(Run(hosts, client, server, events, () => client.State == DhcpState.Bound, TimeSpan.FromSeconds(30)));
        TimeSpan boundAt = client.Lease!.AcquiredAt;
        Assert.True(Run(hosts, client, server, events, () => events.Count == 2, TimeSpan.FromSeconds(400)));
        Assert.Equal([DhcpEvent.Configured, DhcpEvent.Renewed], events);
        TestDhcpServer.Received renew = server.Log[^1];
        Assert.Equal(3, renew.MessageType);
        Assert.Equal(new Ipv4Address(10, 0, 0, 50), renew.ClientAddress);
        Assert.Equal(TwoHosts.AddressB, renew.SentTo); // unicast to the server
        Assert.True(renew.RequestedAddress.IsAny);
        Assert.InRange((renew.At - boundAt).TotalSeconds, 299.9, 300.1);
        Assert.Equal(DhcpState.Bound, client.State);
        Assert.True(client.Lease!.AcquiredAt > boundAt);
    }

    [Fact]
    public void RebindsByBroadcastAtT2AndGivesTheAddressUpAtExpiry()
    {
        (TwoHosts hosts, DhcpClient client, TestDhcpServer server, List<DhcpEvent> events) = Setup(leaseSeconds: 1000);
        Assert.True(Run(hosts, client, server, events, () => client.State == DhcpState.Bound, TimeSpan.FromSeconds(30)));
        TimeSpan boundAt = client.Lease!.AcquiredAt;
        server.Silent = true;
        Assert.True(Run(hosts, client, server, events, () => events.Contains(DhcpEvent.Deconfigured), TimeSpan.FromSeconds(1100)));
        Assert.Null(hosts.A.Address);
        var renewals = server.Log.Where(r => r.MessageType == 3 && !r.ClientAddress.IsAny).ToList();
        Assert.Contains(renewals, r => r.SentTo == TwoHosts.AddressB && Math.Abs((r.At - boundAt).TotalSeconds - 500) < 0.1);
        Assert.Contains(renewals, r => r.SentTo == Ipv4Address.Broadcast && Math.Abs((r.At - boundAt).TotalSeconds - 875) < 0.1);
        Assert.InRange((hosts.Now - boundAt).TotalSeconds, 999.9, 1000.1);
        // And it starts over.
        server.Silent = false;
        Assert.True(Run(hosts, client, server, events, () => client.State == DhcpState.Bound, TimeSpan.FromSeconds(120)));
        Assert.Equal(DhcpEvent.Configured, events[^1]);
    }

    [Fact]
    public void NakDuringRenewalUnconfiguresAndRestarts()
    {
        (TwoHosts hosts, DhcpClient client, TestDhcpServer server, List<DhcpEvent> events) = Setup(leaseSeconds: 100);
        Assert.True(Run(hosts, client, server, events, () => client.State == DhcpState.Bound, TimeSpan.FromSeconds(30)));
        server.RefuseRequests = true;
        Assert.True(Run(hosts, client, server, events, () => events.Contains(DhcpEvent.Deconfigured), TimeSpan.FromSeconds(100)));
        Assert.Null(hosts.A.Address);
        Assert.NotEqual(DhcpState.Bound, client.State);
    }

    [Fact]
    public void IgnoresRepliesForOtherTransactionsAndMalformedOnes()
    {
        (TwoHosts hosts, DhcpClient client, TestDhcpServer server, List<DhcpEvent> events) = Setup();
        server.Silent = true;
        Run(hosts, client, server, events, () => server.Log.Count == 1, TimeSpan.FromSeconds(5));
        byte[] offer = new byte[300];
        offer[0] = 2; offer[1] = 1; offer[2] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(offer.AsSpan(4), server.Log[0].TransactionId + 1);
        hosts.Link.A.MacAddress.Write(offer.AsSpan(28));
        BinaryPrimitives.WriteUInt32BigEndian(offer.AsSpan(236), 0x63825363);
        offer[240] = 53; offer[241] = 1; offer[242] = 2; offer[243] = 255;
        server.SendRaw(offer, new Ipv4Endpoint(Ipv4Address.Broadcast, 68));
        server.SendRaw(offer.AsSpan(0, 200), new Ipv4Endpoint(Ipv4Address.Broadcast, 68));
        Run(hosts, client, server, events, () => client.IgnoredMessages + client.MalformedMessages == 2, TimeSpan.FromSeconds(1));
        Assert.Equal(1, client.IgnoredMessages);
        Assert.Equal(1, client.MalformedMessages);
        Assert.Equal(DhcpState.Selecting, client.State);
    }
}
