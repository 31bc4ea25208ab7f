using Minnow.Net.Dhcp;
using Minnow.Net.Tcp;
using Minnow.Net.Tests.Support;
using Minnow.Net.Wire;
using Xunit.Abstractions;

namespace Minnow.Net.Tests.Interop;

/// <summary>
/// Everything the stack sends, decoded by Wireshark's dissectors with checksum validation on:
/// an independent implementation must find no malformed packet and no bad checksum.
/// </summary>
[Collection(CpuHeavy.Name)]
public class TsharkDecodeTests(ITestOutputHelper output)
{
    [TsharkFact]
    public void WiresharkFindsNoMalformedPacketsOrBadChecksums()
    {
        string pcap = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"minnow-net-{Environment.ProcessId}.pcap");
        using (var writer = new PcapWriter(File.Create(pcap)))
        {
            RecordScenario(writer, vlan: 0);
            RecordScenario(writer, vlan: 42);
            output.WriteLine($"{writer.FramesWritten} frames in {pcap}");
        }
        try
        {
            string verbose = Tshark.Run(pcap, "-V");
            Assert.DoesNotContain("Malformed", verbose);
            Assert.DoesNotContain("[Checksum Status: Bad]", verbose);
            Assert.DoesNotContain("Expert Info (Error", verbose);
            string summary = Tshark.Run(pcap, "-T", "fields", "-e", "frame.protocols");
            string[] protocols = summary.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            output.WriteLine(string.Join('\n', protocols.Distinct()));
            Assert.Contains(protocols, p => p == "eth:ethertype:arp");
            Assert.Contains(protocols, p => p == "eth:ethertype:ip:icmp:data");
            Assert.Contains(protocols, p => p == "eth:ethertype:ip:udp:data");
            Assert.Contains(protocols, p => p == "eth:ethertype:ip:udp:dhcp");
            Assert.Contains(protocols, p => p == "eth:ethertype:ip:tcp");
            Assert.Contains(protocols, p => p == "eth:ethertype:ip:tcp:data");
            Assert.Contains(protocols, p => p == "eth:ethertype:vlan:ethertype:ip:tcp");
            // The checksums were verified, not skipped.
            string status = Tshark.Run(pcap, "-T", "fields", "-e", "tcp.checksum.status", "-e", "udp.checksum.status", "-e", "ip.checksum.status", "-Y", "tcp or udp");
            Assert.Contains("1", status);
            Assert.DoesNotContain("0", status.Replace("\t", "").Replace("\n", "").Replace("1", "").Replace("2", ""));
        }
        finally
        {
            File.Delete(pcap);
        }
    }

    private static void RecordScenario(PcapWriter writer, ushort vlan)
    {
        var hosts = new TwoHosts(
            optionsA: new InterfaceOptions { VlanId = vlan, Secret = 1 },
            optionsB: new InterfaceOptions { VlanId = vlan, Secret = 2 });
        hosts.Link.Capture = writer;

        // DHCP: A starts unconfigured and leases from a server on B.
        hosts.A.Deconfigure();
        var dhcp = new DhcpClient(hosts.A, seed: 1);
        var server = new TestDhcpServer(hosts.B, TwoHosts.AddressB) { Offer = TwoHosts.AddressA };
        hosts.ProgramDeadlines.Add(() => dhcp.NextPollAt);
        Assert.True(hosts.RunUntil(() => dhcp.State == DhcpState.Bound, TimeSpan.FromSeconds(30), () => { dhcp.Poll(hosts.Now); return server.Step(hosts.Now); }));
        hosts.ProgramDeadlines.Clear();

        // UDP both ways.
        var udpA = hosts.A.CreateUdpSocket();
        var udpB = hosts.B.CreateUdpSocket();
        udpB.Bind(40123); // no well-known port, so tshark shows plain data
        udpA.TrySendTo("question"u8, new Ipv4Endpoint(TwoHosts.AddressB, 40123));
        Assert.True(hosts.RunUntil(() => udpB.ReceiveQueueCount == 1, TimeSpan.FromSeconds(5)));
        byte[] buffer = new byte[100];
        udpB.TryReceiveFrom(buffer, out _, out Udp.UdpDatagramInfo info);
        udpB.TrySendTo("answer, padded past the minimum frame"u8, info.Remote);
        Assert.True(hosts.RunUntil(() => udpA.ReceiveQueueCount == 1, TimeSpan.FromSeconds(5)));

        // An echo request injected into B (odd length), answered by the stack.
        byte[] ping = new byte[14 + EthernetFrame.HeaderLengthFor(vlan) - 14 + 20 + 8 + 33];
        int header = EthernetFrame.Write(ping, hosts.Link.B.MacAddress, hosts.Link.A.MacAddress, EtherType.Ipv4, vlan);
        Span<byte> icmp = ping.AsSpan(header + 20);
        new Random(1).NextBytes(icmp[8..]);
        IcmpMessage.Write(icmp, IcmpMessage.EchoRequest, 0, 0x4d4e, 1);
        Ipv4Header.Write(ping.AsSpan(header), TwoHosts.AddressA, TwoHosts.AddressB, IpProtocol.Icmp, icmp.Length, 77);
        hosts.Link.B.Inject(ping);
        writer.Write(hosts.Now, ping);
        Assert.True(hosts.RunUntil(() => false, TimeSpan.FromMilliseconds(20)) || true);

        // TCP: handshake with options, data both ways over a lossy stretch, close, and a refused connect.
        (TcpSocket client, TcpSocket tcpServer) = hosts.Connect();
        hosts.Link.Conditions = new LinkConditions { LossRate = 0.05, ReorderRate = 0.05 };
        var forward = new StreamPump(client, tcpServer, 300_000);
        var backward = new StreamPump(tcpServer, client, 5_000);
        Assert.True(hosts.RunUntil(() => forward.EndOfStream && backward.EndOfStream, TimeSpan.FromMinutes(5), () => forward.Step() | backward.Step()));
        hosts.Link.Conditions = LinkConditions.Perfect;
        Assert.True(hosts.RunUntil(() => client.State is TcpState.TimeWait or TcpState.Closed && tcpServer.State == TcpState.Closed, TimeSpan.FromMinutes(1)));
        TcpSocket refused = hosts.A.CreateTcpSocket();
        refused.Connect(new Ipv4Endpoint(TwoHosts.AddressB, 1));
        Assert.True(hosts.RunUntil(() => refused.State == TcpState.Closed, TimeSpan.FromSeconds(5)));
        Assert.Equal(TcpError.ConnectionRefused, refused.Error);
    }
}
