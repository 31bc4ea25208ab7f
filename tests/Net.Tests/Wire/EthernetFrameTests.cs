using Minnow.Net.Tests.Support;
using Minnow.Net.Wire;

namespace Minnow.Net.Tests.Wire;

public class EthernetFrameTests
{
    private static readonly MacAddress Source = new(0x52, 0x54, 0x00, 0x12, 0x34, 0x56);

    [Fact]
    public void ParsesUntaggedHeader()
    {
        byte[] frame = Hex.Bytes("ffffffffffff 525400123456 0806 00");
        Assert.Equal(EthernetStatus.Ok, EthernetFrame.TryParse(frame, out EthernetFrame header));
        Assert.True(header.Destination.IsBroadcast);
        Assert.Equal(Source, header.Source);
        Assert.Equal(EtherType.Arp, header.EtherType);
        Assert.Equal(0, header.VlanId);
        Assert.Equal(14, header.PayloadOffset);
    }

    [Fact]
    public void ParsesVlanTag()
    {
        // 802.1Q: TPID 8100, TCI = priority 5, DEI 0, VID 100 (0xa064), then the inner EtherType.
        byte[] frame = Hex.Bytes("020000000001 525400123456 8100 a064 0800 45");
        Assert.Equal(EthernetStatus.Ok, EthernetFrame.TryParse(frame, out EthernetFrame header));
        Assert.Equal(100, header.VlanId);
        Assert.Equal(5, header.Priority);
        Assert.Equal(EtherType.Ipv4, header.EtherType);
        Assert.Equal(18, header.PayloadOffset);
    }

    [Fact]
    public void WritesVlanTagByteExact()
    {
        byte[] frame = new byte[18];
        int length = EthernetFrame.Write(frame, new MacAddress(0x02, 0, 0, 0, 0, 1), Source, EtherType.Ipv4, vlanId: 100, priority: 5);
        Assert.Equal(18, length);
        Assert.Equal("020000000001525400123456" + "8100a064" + "0800", Hex.Of(frame));
    }

    [Theory]
    [InlineData("ffffffffffff 525400123456 08", EthernetStatus.Truncated)]
    [InlineData("ffffffffffff 525400123456 8100 0064", EthernetStatus.Truncated)]
    [InlineData("ffffffffffff 525400123456 0030 aaaa03", EthernetStatus.NotEthernetII)]
    [InlineData("ffffffffffff 525400123456 88a8 0064 8100 0065 0800", EthernetStatus.StackedVlan)]
    [InlineData("ffffffffffff 525400123456 8100 0064 8100 0065 0800", EthernetStatus.StackedVlan)]
    public void RejectsMalformedFrames(string hex, EthernetStatus expected)
    {
        Assert.Equal(expected, EthernetFrame.TryParse(Hex.Bytes(hex), out _));
    }
}
