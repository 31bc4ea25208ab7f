using Minnow.Qemu.Topology;
using Minnow.TestSupport;

namespace Minnow.Network.Tests;

/// <summary>
/// Three images on one bridge: two on VLAN 10 exchange raw frames (Minnow.Platform.RawEthernet),
/// a third on VLAN 20 must receive none of them. Where the kernel's bridges filter by VLAN, the
/// bridge keeps VLAN 10 away from the third image's port (its counters show nothing arrived);
/// where they cannot (CONFIG_BRIDGE_VLAN_FILTERING off, as on the CI machine), the frames reach
/// its NIC and its stack must drop them all, counted as VlanMismatch.
/// </summary>
public sealed class VlanIsolationTests
{
    private const int Frames = 40;

    [NetworkFact]
    public void Two_images_on_VLAN_10_exchange_raw_frames_and_one_on_VLAN_20_receives_none()
    {
        using var ns = NetworkNamespace.Create("mnvlan");
        bool filtering = ns.BridgesFilterVlans();
        ns.AddBridge("br0", vlanFiltering: filtering);
        ns.AddTap("tapa", bridge: "br0", taggedVlan: filtering ? 10 : 0);
        ns.AddTap("tapb", bridge: "br0", taggedVlan: filtering ? 10 : 0);
        ns.AddTap("tapc", bridge: "br0", taggedVlan: filtering ? 20 : 0);

        Task<ProcessResult> Boot(string tap, string mac, params string[] program) => Task.Run(() => MinnowTool.Run(NetworkImages.NetPeer, new MinnowRunOptions
        {
            NetworkNamespace = ns.Name,
            Networks = [$"tap:{tap},mac={mac}"],
            KernelArguments = "ip=10.88.0.9/24",
            ProgramArguments = program,
            TimeoutSeconds = 120,
        }));

        var receiver = Boot("tapb", "52:54:00:00:10:0b", "raw-receive", "10", "30");
        var outsider = Boot("tapc", "52:54:00:00:20:0c", "raw-receive", "20", "30");
        // The sender waits for the receivers to boot (a few seconds under TCG) before its frames go.
        var sender = Boot("tapa", "52:54:00:00:10:0a", "raw-send", "10", Frames.ToString(), "12");

        var sent = sender.Result;
        var received = receiver.Result;
        var outside = outsider.Result;
        Assert.True(sent.ExitCode == 0, sent.Describe());
        Assert.Contains($"sent {Frames}", sent.StandardOutput);
        Assert.True(received.ExitCode == 0, received.Describe());
        Assert.Contains($"received {Frames} ", received.StandardOutput);
        Assert.True(outside.ExitCode == 0, outside.Describe());
        Assert.Contains("received 0 ", outside.StandardOutput);
        if (!filtering)
            Assert.Contains($"vlan-mismatch-drops {Frames}", outside.StandardOutput);
        else
            Assert.Contains("vlan-mismatch-drops 0", outside.StandardOutput);
    }
}
