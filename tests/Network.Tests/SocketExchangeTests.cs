using Minnow.Qemu.Topology;
using Minnow.TestSupport;

namespace Minnow.Network.Tests;

/// <summary>
/// Stock System.Net.Sockets in an image against Linux's stack, on a tap on a bridge in a namespace
/// (Linux at 10.77.0.1, the image at 10.77.0.2): TCP both ways (the image as client, sync and
/// async, and as server), several MB each with every byte checked, UDP echo, and a UDP burst
/// larger than the NIC's transmit ring (the sender must be woken when the ring drains, with no
/// timer running), all captured on the bridge; tshark must find no malformed packet and no bad
/// checksum in the capture.
/// </summary>
public sealed class SocketExchangeTests
{
    private const int Bytes = 4 << 20;
    private const string Linux = "10.77.0.1", Image = "10.77.0.2";

    [NetworkFact]
    public void Tcp_both_ways_and_udp_echo_with_Linux_and_a_clean_capture()
    {
        using var ns = NetworkNamespace.Create("mnsock");
        ns.AddBridge("br0", address: $"{Linux}/24");
        ns.AddTap("tap0", bridge: "br0");
        // Linux's own packets would be captured before their checksums are filled in otherwise.
        ns.TryExec(TimeSpan.FromSeconds(10), "ethtool", "-K", "br0", "tx", "off");
        string file = Path.Combine(Path.GetTempPath(), $"minnow-sockets-{Environment.ProcessId}.pcapng");
        // The capture check is part of the test: without tshark it fails (make deps installs it).
        Assert.True(Capture.IsAvailable, "tshark and dumpcap are missing: install the Debian package tshark (make deps)");
        using var capture = Capture.Start(ns, "br0", file);

        ProcessResult Boot(params string[] program) => MinnowTool.Run(SocketImages.SocketPeer, new MinnowRunOptions
        {
            NetworkNamespace = ns.Name,
            Networks = ["tap:tap0"],
            // nooffload: the capture is to judge the checksums Minnow computes. With offload the
            // image leaves TCP checksums (and segmentation) to the host, as a Linux guest does, and
            // its frames on the tap carry partial checksums by design (OffloadTests covers that mode).
            KernelArguments = $"ip={Image}/24 gw={Linux} nooffload",
            ProgramArguments = program,
            TimeoutSeconds = 180,
        });

        // Image client -> Linux server, synchronous API.
        using (var sink = LinuxPeer.StartListening(ns, "tcp-sink", "7001"))
        {
            var run = Boot("tcp-upload", Linux, "7001", Bytes.ToString());
            var (code, output) = sink.Finish(TimeSpan.FromSeconds(60));
            Assert.True(run.ExitCode == 0, run.Describe());
            Assert.Contains($"sent {Bytes}; peer says: {Bytes} ok", run.StandardOutput);
            Assert.True(code == 0, output);
        }

        // Linux server -> image client, async API.
        using (var source = LinuxPeer.StartListening(ns, "tcp-source", "7002", Bytes.ToString()))
        {
            var run = Boot("tcp-download", Linux, "7002", "async");
            var (code, output) = source.Finish(TimeSpan.FromSeconds(60));
            Assert.True(run.ExitCode == 0, run.Describe());
            Assert.Contains($"received {Bytes} intact", run.StandardOutput);
            Assert.True(code == 0, output);
        }

        // Linux client -> image server, both directions on one connection.
        using (var client = LinuxPeer.Start(ns, "tcp-client", Image, "7003", Bytes.ToString()))
        {
            var run = Boot("tcp-serve", "7003", Bytes.ToString());
            var (code, output) = client.Finish(TimeSpan.FromSeconds(60));
            Assert.True(run.ExitCode == 0, run.Describe());
            Assert.Contains($"received {Bytes} intact; sent {Bytes}", run.StandardOutput);
            Assert.True(code == 0, output);
            Assert.Contains($"client sent {Bytes} received {Bytes} intact", output);
        }

        // UDP echo.
        using (var udp = LinuxPeer.Start(ns, "udp-client", Image, "7004", "200"))
        {
            var run = Boot("udp-echo", "7004", "5");
            var (code, output) = udp.Finish(TimeSpan.FromSeconds(60));
            Assert.True(run.ExitCode == 0, run.Describe());
            Assert.True(code == 0, output);
            Assert.Contains("udp echoed 200 of 200", output);
        }

        // UDP burst: 20000 datagrams back to back (not to 7000-7009: tshark would decode those as
        // AFS Rx and call them malformed). The image must send every one (it hung when the NIC's ring
        // filled); Linux may drop some from the tap's backlog under load (84 once), so 95% must arrive.
        using (var sink = LinuxPeer.StartListening(ns, "udp-sink", "45005", "20000", "5"))
        {
            var run = Boot("udp-burst", Linux, "45005", "20000");
            var (code, output) = sink.Finish(TimeSpan.FromSeconds(60));
            Assert.True(run.ExitCode == 0, run.Describe());
            Assert.Contains("burst sent 20000 of 20000", run.StandardOutput);
            Assert.True(code == 0, output);
            var received = System.Text.RegularExpressions.Regex.Match(output, @"udp sink received (\d+) of 20000");
            Assert.True(received.Success && int.Parse(received.Groups[1].Value) >= 19000, output);
        }

        {
            capture.Stop();
            var (frames, problems) = capture.Analyse();
            Assert.True(frames > 4 * Bytes / 1514, $"the capture holds only {frames} frames");
            Assert.True(problems.Length == 0, $"tshark flags frames in {file}:\n{problems}");
            File.Delete(file);
        }
    }
}
