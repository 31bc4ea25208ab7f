using Minnow.Net;
using Minnow.Runtime.Networking;

namespace Minnow.Kernel.Tests;

public sealed class NetworkConfigurationTests
{
    [Fact]
    public void Without_options_the_interface_uses_DHCP_and_waits_five_seconds()
    {
        var c = NetworkConfiguration.Parse(null, null, null);
        Assert.Null(c.StaticAddress);
        Assert.Null(c.Problem);
        Assert.Equal(TimeSpan.FromSeconds(5), c.DhcpWait);
    }

    [Fact]
    public void A_static_address_with_prefix_and_gateway_is_parsed()
    {
        var c = NetworkConfiguration.Parse("10.0.0.2/24", "10.0.0.1", "0.5");
        Assert.Null(c.Problem);
        Assert.Equal(new Ipv4Cidr(new Ipv4Address(10, 0, 0, 2), 24), c.StaticAddress);
        Assert.Equal(new Ipv4Address(10, 0, 0, 1), c.Gateway);
        Assert.Equal(TimeSpan.FromMilliseconds(500), c.DhcpWait);
    }

    [Theory]
    [InlineData("10.0.0.2", null, null, "ip=10.0.0.2 is not an address with a prefix length")]
    [InlineData("10.0.0.2/33", null, null, "is not an address with a prefix length")]
    [InlineData("10.0.0/24", null, null, "is not an address with a prefix length")]
    [InlineData("10.0.0.2/24", "gateway", null, "gw=gateway is not an IPv4 address")]
    [InlineData(null, "10.0.0.1", null, "gw= needs ip= as well")]
    [InlineData(null, null, "soon", "dhcp-wait=soon is not a number of seconds")]
    public void Mistakes_are_explained(string? ip, string? gw, string? wait, string expected)
    {
        var c = NetworkConfiguration.Parse(ip, gw, wait);
        Assert.NotNull(c.Problem);
        Assert.Contains(expected, c.Problem);
    }
}
