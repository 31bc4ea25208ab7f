using Minnow.Qemu.Topology;
using Minnow.TestSupport;

namespace Minnow.Network.Tests;

/// <summary>
/// Bad input under QEMU: while the image downloads several MB over TCP from Linux, a raw socket on
/// the bridge floods it with malformed frames. The kernel must keep running, the transfer must
/// complete intact, and the garbage must show up in the stack's drop counters (kernel option
/// netstats logs them at exit).
/// </summary>
public sealed class FloodTests
{
    private const int Bytes = 16 << 20;
    private const int FloodSeconds = 25;

    [NetworkFact]
    public void Malformed_frames_are_dropped_and_counted_while_a_TCP_transfer_completes_intact()
    {
        using var ns = NetworkNamespace.Create("mnflood");
        ns.AddBridge("br0", address: "10.77.0.1/24");
        ns.AddTap("tap0", bridge: "br0");

        using var source = LinuxPeer.StartListening(ns, "tcp-source", "7101", Bytes.ToString());
        var image = Task.Run(() => MinnowTool.Run(SocketImages.SocketPeer, new MinnowRunOptions
        {
            NetworkNamespace = ns.Name,
            Networks = ["tap:tap0"],
            KernelArguments = "ip=10.77.0.2/24 gw=10.77.0.1 netstats",
            ProgramArguments = ["tcp-download", "10.77.0.1", "7101"],
            TimeoutSeconds = 240,
        }));
        // The flood starts with the image's boot and lasts past the transfer's start.
        using var flood = LinuxPeer.Start(ns, "flood", "br0", "52:54:00:12:34:56", FloodSeconds.ToString());
        var (floodCode, floodOutput) = flood.Finish(TimeSpan.FromSeconds(120));
        var run = image.Result;
        var (code, output) = source.Finish(TimeSpan.FromSeconds(30));

        Assert.True(floodCode == 0, floodOutput);
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains($"received {Bytes} intact", run.StandardOutput);
        Assert.True(code == 0, output);
        var stats = System.Text.RegularExpressions.Regex.Match(run.StandardError, @"netstats frames-received=(\d+) .*drops-total=(\d+)");
        Assert.True(stats.Success, run.Describe());
        // QEMU discards what the tap queues while the guest (under TCG) is busy, and the flood goes
        // on after the image exits, so only part of it reaches the stack: thousands of frames, each
        // of them dropped and counted.
        long sent = long.Parse(System.Text.RegularExpressions.Regex.Match(floodOutput, @"flood sent (\d+)").Groups[1].Value);
        Assert.True(long.Parse(stats.Groups[2].Value) >= 1000, $"only {stats.Groups[2].Value} drops counted while {sent} bad frames were sent\n{run.StandardError}");
    }
}
