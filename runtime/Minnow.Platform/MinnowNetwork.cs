using System.Net.NetworkInformation;
using Minnow.Net;

namespace Minnow.Platform;

/// <summary>
/// The image's network as Minnow brought it up at boot (the first NIC), for what .NET has no API
/// for: raw Ethernet endpoints and the stack's drop counters. Sockets need none of this: they go
/// through System.Net.Sockets.
/// </summary>
public static class MinnowNetwork
{
    private static Interface? s_interface;
    private static object? s_syncRoot;

    /// <summary>Whether this program runs in an image with a network.</summary>
    public static bool IsAvailable => s_interface != null;

    /// <summary>The NIC's MAC address.</summary>
    public static PhysicalAddress MacAddress
    {
        get
        {
            var (iface, sync) = Require();
            lock (sync)
                return RawEthernet.ToPhysical(iface.MacAddress);
        }
    }

    /// <summary>
    /// An endpoint for frames of <paramref name="etherType"/> tagged with <paramref name="vlanId"/>
    /// (0: untagged): they go to it instead of the IP stack, and it sends frames of that type and tag.
    /// </summary>
    /// <exception cref="InvalidOperationException">The image has no network.</exception>
    public static RawEthernet OpenRaw(ushort etherType, ushort vlanId = 0)
    {
        if (vlanId > 4094)
            throw new ArgumentOutOfRangeException(nameof(vlanId), vlanId, "a VLAN ID is 0 (untagged) to 4094");
        if (etherType < 0x0600)
            throw new ArgumentOutOfRangeException(nameof(etherType), etherType, "an EtherType is 0x0600 or more");
        var (iface, sync) = Require();
        lock (sync)
            return new RawEthernet(iface, sync, iface.CreateRawEndpoint(etherType, vlanId));
    }

    /// <summary>The stack's drop counters by reason, non-zero ones only (e.g. "VlanMismatch" for frames of other VLANs).</summary>
    public static IReadOnlyDictionary<string, long> DropCounters()
    {
        var (iface, sync) = Require();
        var counters = new Dictionary<string, long>();
        lock (sync)
        {
            foreach (DropReason reason in Enum.GetValues<DropReason>())
                if (iface.Drops[reason] != 0)
                    counters[reason.ToString()] = iface.Drops[reason];
        }
        return counters;
    }

    /// <summary>Called once by Minnow's runtime when the network is up.</summary>
    internal static void Attach(Interface iface, object syncRoot)
    {
        s_syncRoot = syncRoot;
        s_interface = iface;
    }

    private static (Interface, object) Require() =>
        s_interface is { } iface && s_syncRoot is { } sync
            ? (iface, sync)
            : throw new InvalidOperationException("this image has no network: boot it with a NIC (qemu/run --net user or --net tap:NAME)");
}
