using Minnow.Qemu.Topology;
using Minnow.TestSupport;

namespace Minnow.Network.Tests;

/// <summary>
/// An image on a tap device on a Linux bridge, in a namespace made for the test: Linux's own stack
/// (ping, sockets) is the peer, on the bridge's address 10.77.0.1.
/// </summary>
public sealed class BridgeTests
{
    [NetworkFact]
    public void The_image_answers_ping_from_Linux_on_the_bridge()
    {
        using var ns = NetworkNamespace.Create("mnping");
        ns.AddBridge("br0", address: "10.77.0.1/24");
        ns.AddTap("tap0", bridge: "br0");

        var image = Task.Run(() => MinnowTool.Run(NetworkImages.NetPeer, new MinnowRunOptions
        {
            NetworkNamespace = ns.Name,
            Networks = ["tap:tap0"],
            KernelArguments = "ip=10.77.0.2/24 gw=10.77.0.1",
            ProgramArguments = ["wait", "20"],
            TimeoutSeconds = 90,
        }));

        // The image needs a few seconds to boot under TCG, and echo requests that come before its
        // network is up go unanswered: ping in rounds of three until a round is answered in full.
        var attempts = new System.Text.StringBuilder();
        bool up = false;
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (!up && DateTime.UtcNow < deadline && !image.IsCompleted)
        {
            var (code, output) = ns.TryExec(TimeSpan.FromSeconds(10), "ping", "-c", "3", "-i", "0.2", "-W", "1", "10.77.0.2");
            attempts.AppendLine(output);
            up = code == 0 && output.Contains("3 received");
        }
        // Once it is up, every echo request is answered.
        var (steadyCode, steady) = up ? ns.TryExec(TimeSpan.FromSeconds(15), "ping", "-c", "10", "-i", "0.2", "-W", "1", "10.77.0.2") : (1, "");
        var run = image.Result;
        Assert.True(up, $"no round of three pings was answered in full\n{attempts}\n{run.Describe()}");
        Assert.True(steadyCode == 0 && steady.Contains("10 received"), $"pings lost after the image was up:\n{steady}\n{run.Describe()}");
        Assert.Contains("net0: 10.77.0.2/24 gw 10.77.0.1 (static)", run.StandardError);
        Assert.True(run.ExitCode == 0, run.Describe());
    }
}
