using Minnow.Net;

namespace Minnow.Runtime.Networking;

/// <summary>
/// How the first interface gets its address, from the kernel command line: <c>ip=A.B.C.D/N</c>
/// (with optional <c>gw=A.B.C.D</c>) configures it statically; otherwise DHCPv4. <c>dhcp-wait=S</c>
/// bounds how long boot waits for a lease before the program starts (default 5 s; the client
/// keeps asking afterwards).
/// </summary>
internal readonly record struct NetworkConfiguration(Ipv4Cidr? StaticAddress, Ipv4Address Gateway, TimeSpan DhcpWait, string? Problem)
{
    public static NetworkConfiguration Parse(string? ip, string? gateway, string? dhcpWait)
    {
        var wait = TimeSpan.FromSeconds(5);
        if (dhcpWait != null)
        {
            if (!double.TryParse(dhcpWait, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double seconds) || seconds < 0)
                return new(null, default, wait, $"dhcp-wait={dhcpWait} is not a number of seconds");
            wait = TimeSpan.FromSeconds(seconds);
        }
        if (ip == null)
            return gateway == null ? new(null, default, wait, null) : new(null, default, wait, "gw= needs ip= as well");
        int slash = ip.IndexOf('/');
        if (slash < 0 || !Ipv4Address.TryParse(ip.AsSpan(0, slash), out var address)
            || !int.TryParse(ip.AsSpan(slash + 1), out int prefix) || prefix < 1 || prefix > 32)
            return new(null, default, wait, $"ip={ip} is not an address with a prefix length, e.g. ip=10.0.0.2/24");
        var router = default(Ipv4Address);
        if (gateway != null && !Ipv4Address.TryParse(gateway, out router))
            return new(null, default, wait, $"gw={gateway} is not an IPv4 address");
        return new(new Ipv4Cidr(address, prefix), router, wait, null);
    }
}
