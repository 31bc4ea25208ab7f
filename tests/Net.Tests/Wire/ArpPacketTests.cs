using Minnow.Net.Tests.Support;
using Minnow.Net.Wire;

namespace Minnow.Net.Tests.Wire;

public class ArpPacketTests
{
    // Who has 10.0.2.2? Tell 10.0.2.15 — hardware 1, protocol 0800, lengths 6 and 4, op 1 (RFC 826).
    private const string Request = "0001 0800 06 04 0001 525400123456 0a00020f 000000000000 0a000202";

    [Fact]
    public void ParsesRequest()
    {
        Assert.Equal(ArpStatus.Ok, ArpPacket.TryParse(Hex.Bytes(Request), out ArpPacket arp));
        Assert.Equal(ArpOperation.Request, arp.Operation);
        Assert.Equal(new MacAddress(0x52, 0x54, 0x00, 0x12, 0x34, 0x56), arp.SenderMac);
        Assert.Equal(Ipv4Address.Parse("10.0.2.15"), arp.SenderIp);
        Assert.Equal(Ipv4Address.Parse("10.0.2.2"), arp.TargetIp);
    }

    [Fact]
    public void WriteRoundTripsByteExact()
    {
        var arp = new ArpPacket(ArpOperation.Request, new MacAddress(0x52, 0x54, 0x00, 0x12, 0x34, 0x56), Ipv4Address.Parse("10.0.2.15"), MacAddress.Zero, Ipv4Address.Parse("10.0.2.2"));
        byte[] bytes = new byte[ArpPacket.Length];
        arp.Write(bytes);
        Assert.Equal(Hex.Of(Hex.Bytes(Request)), Hex.Of(bytes));
    }

    [Theory]
    [InlineData("0001 0800 06 04 0001 5254", ArpStatus.Truncated)]
    [InlineData("0006 0800 06 04 0001 525400123456 0a00020f 000000000000 0a000202", ArpStatus.UnsupportedAddressTypes)]
    [InlineData("0001 86dd 06 04 0001 525400123456 0a00020f 000000000000 0a000202", ArpStatus.UnsupportedAddressTypes)]
    [InlineData("0001 0800 06 10 0001 525400123456 0a00020f 000000000000 0a000202", ArpStatus.UnsupportedAddressTypes)]
    [InlineData("0001 0800 06 04 0003 525400123456 0a00020f 000000000000 0a000202", ArpStatus.UnsupportedOperation)]
    public void RejectsMalformedPackets(string hex, ArpStatus expected)
    {
        Assert.Equal(expected, ArpPacket.TryParse(Hex.Bytes(hex), out _));
    }
}
