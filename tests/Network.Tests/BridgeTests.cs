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

        // The image needs a few seconds to boot under TCG; ping until it answers.
        string output = "";
        bool answered = false;
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (!answered && DateTime.UtcNow < deadline && !image.IsCompleted)
        {
            (int code, output) = ns.TryExec(TimeSpan.FromSeconds(10), "ping", "-c", "3", "-i", "0.2", "-W", "1", "10.77.0.2");
            answered = code == 0;
        }
        var run = image.Result;
        Assert.True(answered, $"no ping reply\n{output}\n{run.Describe()}");
        Assert.Contains("3 received", output);
        Assert.Contains("net0: 10.77.0.2/24 gw 10.77.0.1 (static)", run.StandardError);
        Assert.True(run.ExitCode == 0, run.Describe());
    }
}
