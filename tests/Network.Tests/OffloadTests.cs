using Minnow.Qemu.Topology;
using Minnow.TestSupport;

namespace Minnow.Network.Tests;

/// <summary>
/// Offloads against Linux, on a bridge with Linux's default offloads, where QEMU offers the image
/// checksum and segmentation offload both ways over the tap. Receiving: Linux's TCP hands the image
/// segments of up to 64 KiB with partial checksums, spread over several mergeable receive buffers.
/// Sending: the image hands the device TCP segments of up to 64 KiB with partial checksums, for the
/// host to cut up. Every byte must arrive (each side checks the content), and the image's counters
/// must show that the offloaded paths were the ones taken and that no chain was malformed. The
/// capture on the bridge holds no malformed packet, and the image's 64 KiB segments are in it.
/// </summary>
public sealed class OffloadTests
{
    private const int Bytes = 8 << 20;
    private const string Linux = "10.77.0.1", Image = "10.77.0.2";

    [NetworkFact]
    public void Coalesced_tcp_from_Linux_arrives_intact_and_segmentation_offloaded_tcp_reaches_Linux_intact()
    {
        using var ns = NetworkNamespace.Create("mnoffl");
        ns.AddBridge("br0", address: $"{Linux}/24");
        ns.AddTap("tap0", bridge: "br0");
        Assert.True(Capture.IsAvailable, "tshark and dumpcap are missing: install the Debian package tshark (make deps)");
        string file = Path.Combine(Path.GetTempPath(), $"minnow-offload-{Environment.ProcessId}.pcapng");
        using var capture = Capture.Start(ns, "br0", file);

        using var source = LinuxPeer.StartListening(ns, "tcp-source", "7012", Bytes.ToString());
        var run = MinnowTool.Run(SocketImages.SocketPeer, new MinnowRunOptions
        {
            NetworkNamespace = ns.Name,
            Networks = ["tap:tap0"],
            KernelArguments = $"ip={Image}/24 gw={Linux} netstats",
            ProgramArguments = ["tcp-download", Linux, "7012", "sync"],
            TimeoutSeconds = 180,
        });
        var (code, output) = source.Finish(TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains($"received {Bytes} intact", run.StandardOutput);
        Assert.True(code == 0, output);
        Assert.Contains("features VERSION_1,MAC,STATUS,MRG_RXBUF,GUEST_CSUM,GUEST_TSO4,CSUM,HOST_TSO4", run.StandardError);

        var stats = System.Text.RegularExpressions.Regex.Match(run.StandardError,
            @"device-bad-chains=(\d+) device-chained=(\d+) device-checksummed=(\d+)");
        Assert.True(stats.Success, run.Describe());
        Assert.Equal("0", stats.Groups[1].Value);
        Assert.True(long.Parse(stats.Groups[2].Value) > 0, $"no frame came coalesced:\n{run.StandardError}");
        Assert.True(long.Parse(stats.Groups[3].Value) > 0, $"no frame came with a device-checked checksum:\n{run.StandardError}");

        using var sink = LinuxPeer.StartListening(ns, "tcp-sink", "7013");
        run = MinnowTool.Run(SocketImages.SocketPeer, new MinnowRunOptions
        {
            NetworkNamespace = ns.Name,
            Networks = ["tap:tap0"],
            KernelArguments = $"ip={Image}/24 gw={Linux} netstats",
            ProgramArguments = ["tcp-upload", Linux, "7013", Bytes.ToString()],
            TimeoutSeconds = 180,
        });
        (code, output) = sink.Finish(TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains($"sent {Bytes}; peer says: {Bytes} ok", run.StandardOutput);
        Assert.True(code == 0, output);
        var sent = System.Text.RegularExpressions.Regex.Match(run.StandardError, @"sent-offloaded=(\d+) sent-segmented=(\d+)");
        Assert.True(sent.Success, run.Describe());
        Assert.True(long.Parse(sent.Groups[2].Value) > 0, $"no segment longer than the MSS was sent:\n{run.StandardError}");

        // The capture of both exchanges: no malformed packet, good IPv4 checksums; TCP checksums are
        // partial by design here (SocketExchangeTests checks the ones Minnow computes, with nooffload).
        capture.Stop();
        var (frames, problems) = capture.Analyse(verifyTcpChecksums: false);
        Assert.True(frames > 100, $"the capture holds only {frames} frames");
        Assert.True(problems.Length == 0, $"tshark flags frames in {file}:\n{problems}");
        Assert.True(capture.Count($"ip.src == {Image} && frame.len > 1514") > 0, "no segment from the image is longer than a frame in the capture");
        File.Delete(file);
    }
}
