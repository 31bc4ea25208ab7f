using Minnow.Net.Tests.Support;
using Minnow.Net.Wire;

namespace Minnow.Net.Tests.Wire;

public class UdpHeaderTests
{
    private static readonly Ipv4Address Source = Ipv4Address.Parse("10.0.0.1");
    private static readonly Ipv4Address Destination = Ipv4Address.Parse("10.0.0.2");

    // 10.0.0.1:1234 -> 10.0.0.2:5678, "hi". By hand: pseudo-header 141e + header 1b0a + data 6869
    // = 9791, complemented 686e.
    private const string Datagram = "04d2 162e 000a 686e 6869";

    [Fact]
    public void WritesChecksumByteExact()
    {
        byte[] datagram = new byte[10];
        "hi"u8.CopyTo(datagram.AsSpan(8));
        UdpHeader.Write(datagram, 1234, 5678, Source, Destination);
        Assert.Equal(Hex.Of(Hex.Bytes(Datagram)), Hex.Of(datagram));
    }

    [Fact]
    public void ParsesAndVerifies()
    {
        Assert.Equal(UdpStatus.Ok, UdpHeader.TryParse(Hex.Bytes(Datagram), Source, Destination, out UdpHeader header));
        Assert.Equal(1234, header.SourcePort);
        Assert.Equal(5678, header.DestinationPort);
        Assert.Equal(2, header.PayloadLength);
    }

    [Fact]
    public void ChecksumCoversThePseudoHeader()
    {
        Assert.Equal(UdpStatus.BadChecksum, UdpHeader.TryParse(Hex.Bytes(Datagram), Source, Ipv4Address.Parse("10.0.0.3"), out _));
    }

    [Fact]
    public void ZeroChecksumMeansNone()
    {
        Assert.Equal(UdpStatus.Ok, UdpHeader.TryParse(Hex.Bytes("04d2 162e 000a 0000 6869"), Source, Destination, out _));
    }

    [Fact]
    public void ComputedZeroIsSentAsAllOnes()
    {
        // Search for a payload whose checksum computes to 0: it must go out as ffff and still verify.
        byte[] datagram = new byte[10];
        for (int value = 0; value <= 0xFFFF; value++)
        {
            datagram[8] = (byte)(value >> 8);
            datagram[9] = (byte)value;
            UdpHeader.Write(datagram, 1, 2, Source, Destination);
            if (datagram[6] == 0xFF && datagram[7] == 0xFF)
            {
                Assert.Equal(UdpStatus.Ok, UdpHeader.TryParse(datagram, Source, Destination, out _));
                return;
            }
        }
        Assert.Fail("no payload produced a zero checksum");
    }

    [Theory]
    [InlineData("04d2 162e 000a", UdpStatus.Truncated)]
    [InlineData("04d2 162e 0007 0000 6869", UdpStatus.BadLength)]
    [InlineData("04d2 162e 000b 0000 6869", UdpStatus.BadLength)]
    public void RejectsMalformedDatagrams(string hex, UdpStatus expected)
    {
        Assert.Equal(expected, UdpHeader.TryParse(Hex.Bytes(hex), Source, Destination, out _));
    }
}
