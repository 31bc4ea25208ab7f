namespace Minnow.Qemu.Topology;

/// <summary>
/// A Linux network namespace made for one test or benchmark and deleted with everything in it on
/// dispose. QEMU runs inside it (<see cref="Prefix"/>), so its tap devices and all traffic stay in
/// the namespace: nothing reaches the host's own interfaces.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    private static int s_counter;

    private NetworkNamespace(string name) => Name = name;

    public string Name { get; }

    /// <summary>Run a command inside: <c>ip netns exec NAME ...</c>.</summary>
    public IReadOnlyList<string> Prefix => ["ip", "netns", "exec", Name];

    /// <summary>Whether namespaces, taps and bridges can be made here (root, iproute2, /dev/net/tun).</summary>
    public static bool IsSupported(out string reason)
    {
        reason = "";
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            reason = "needs root on Linux";
        else if (!File.Exists("/dev/net/tun"))
            reason = "needs /dev/net/tun";
        else if (!File.Exists("/usr/sbin/ip") && !File.Exists("/sbin/ip") && !File.Exists("/usr/bin/ip"))
            reason = "needs iproute2 (ip, bridge)";
        return reason.Length == 0;
    }

    public static NetworkNamespace Create(string prefix)
    {
        string name = $"{prefix}{Environment.ProcessId % 100000}x{Interlocked.Increment(ref s_counter)}";
        HostCommand.Run("ip", ["netns", "del", name]);
        HostCommand.Check("ip", "netns", "add", name);
        var ns = new NetworkNamespace(name);
        ns.Ip("link", "set", "lo", "up");
        return ns;
    }

    /// <summary><c>ip -n NAME ...</c>; throws with ip's message when it fails.</summary>
    public string Ip(params string[] arguments) => HostCommand.Check("ip", ["-n", Name, .. arguments]);

    /// <summary>Any command inside the namespace; throws when it fails.</summary>
    public string Exec(params string[] command) => HostCommand.Check("ip", ["netns", "exec", Name, .. command]);

    /// <summary>Any command inside the namespace, its status and output.</summary>
    public (int ExitCode, string Output) TryExec(TimeSpan timeout, params string[] command) =>
        HostCommand.Run("ip", ["netns", "exec", Name, .. command], timeout);

    /// <summary>A Linux bridge, up, optionally VLAN-filtering, optionally with an address of its own.</summary>
    public string AddBridge(string name, bool vlanFiltering = false, string? address = null)
    {
        // Only ask for VLAN filtering when wanted: kernels built without it reject the option.
        if (vlanFiltering)
            Ip("link", "add", name, "type", "bridge", "vlan_filtering", "1");
        else
            Ip("link", "add", name, "type", "bridge");
        if (address != null)
            Ip("addr", "add", address, "dev", name);
        Ip("link", "set", name, "up");
        return name;
    }

    /// <summary>A tap device for QEMU (<c>--net tap:NAME</c>), up, on <paramref name="bridge"/> when given; on a VLAN-filtering bridge, an untagged member of <paramref name="vlan"/> only.</summary>
    public string AddTap(string name, string? bridge = null, int vlan = 0, string? address = null, int taggedVlan = 0)
    {
        Ip("tuntap", "add", "dev", name, "mode", "tap");
        if (bridge != null)
            Ip("link", "set", name, "master", bridge);
        if (address != null)
            Ip("addr", "add", address, "dev", name);
        Ip("link", "set", name, "up");
        if (vlan != 0)
        {
            Exec("bridge", "vlan", "del", "dev", name, "vid", "1");
            Exec("bridge", "vlan", "add", "dev", name, "vid", vlan.ToString(), "pvid", "untagged");
        }
        if (taggedVlan != 0)
        {
            // The guest tags its own frames: the port carries that VLAN tagged, and nothing else.
            Exec("bridge", "vlan", "del", "dev", name, "vid", "1");
            Exec("bridge", "vlan", "add", "dev", name, "vid", taggedVlan.ToString());
        }
        return name;
    }

    /// <summary>
    /// A VXLAN device with id <paramref name="vni"/> on <paramref name="bridge"/>, tunnelling to
    /// <paramref name="remote"/> over <paramref name="underlay"/> (e.g. a veth to another namespace):
    /// two bridges joined into one L2 segment.
    /// </summary>
    public string AddVxlan(string name, int vni, string underlay, string remote, string bridge)
    {
        Ip("link", "add", name, "type", "vxlan", "id", vni.ToString(), "dev", underlay, "remote", remote, "dstport", "4789");
        Ip("link", "set", name, "master", bridge);
        Ip("link", "set", name, "up");
        return name;
    }

    /// <summary>A veth pair between this namespace and <paramref name="other"/>, with addresses, up.</summary>
    public void AddVeth(string name, string address, NetworkNamespace other, string otherName, string otherAddress)
    {
        Ip("link", "add", name, "type", "veth", "peer", "name", otherName, "netns", other.Name);
        Ip("addr", "add", address, "dev", name);
        Ip("link", "set", name, "up");
        other.Ip("addr", "add", otherAddress, "dev", otherName);
        other.Ip("link", "set", otherName, "up");
    }

    /// <summary>Whether this kernel's bridges can filter by VLAN (CONFIG_BRIDGE_VLAN_FILTERING).</summary>
    public bool BridgesFilterVlans()
    {
        var (code, _) = HostCommand.Run("ip", ["-n", Name, "link", "add", "vlanprobe0", "type", "bridge", "vlan_filtering", "1"]);
        if (code == 0)
            HostCommand.Run("ip", ["-n", Name, "link", "del", "vlanprobe0"]);
        return code == 0;
    }

    public void Dispose() => HostCommand.Run("ip", ["netns", "del", Name]);
}
