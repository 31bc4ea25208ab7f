using System.Buffers.Binary;
using Minnow.Net.Tests.Support;
using Minnow.Net.Wire;

namespace Minnow.Net.Tests.Wire;

public class Ipv4HeaderTests
{
    private const string KnownHeader = "4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7";

    private static byte[] Packet(string header, int payload)
    {
        return [.. Hex.Bytes(header), .. new byte[payload]];
    }

    [Fact]
    public void ParsesKnownHeader()
    {
        byte[] packet = Packet(KnownHeader, 0x73 - 20);
        Assert.Equal(Ipv4Status.Ok, Ipv4Header.TryParse(packet, out Ipv4Header header));
        Assert.Equal(Ipv4Address.Parse("192.168.0.1"), header.Source);
        Assert.Equal(Ipv4Address.Parse("192.168.0.199"), header.Destination);
        Assert.Equal(IpProtocol.Udp, header.Protocol);
        Assert.Equal(64, header.Ttl);
        Assert.True(header.DontFragment);
        Assert.Equal(0x73, header.TotalLength);
        Assert.Equal(20, header.HeaderLength);
    }

    [Fact]
    public void WriteProducesTheKnownHeader()
    {
        byte[] header = new byte[20];
        Ipv4Header.Write(header, Ipv4Address.Parse("192.168.0.1"), Ipv4Address.Parse("192.168.0.199"), IpProtocol.Udp, 0x73 - 20, identification: 0);
        Assert.Equal(Hex.Of(Hex.Bytes(KnownHeader)), Hex.Of(header));
    }

    [Fact]
    public void IgnoresEthernetPaddingBeyondTotalLength()
    {
        byte[] packet = Packet(KnownHeader, 0x73 - 20 + 6);
        Assert.Equal(Ipv4Status.Ok, Ipv4Header.TryParse(packet, out Ipv4Header header));
        Assert.Equal(0x73, header.TotalLength);
    }

    [Fact]
    public void SkipsOptions()
    {
        // IHL 6: one word of options (NOP NOP NOP EOL); the checksum is recomputed over 24 bytes.
        byte[] header = Hex.Bytes("4600 0018 0001 0000 4001 0000 0a000001 0a000002 01010100");
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(10), ReferenceChecksum.Compute(header));
        Assert.Equal(Ipv4Status.Ok, Ipv4Header.TryParse(header, out Ipv4Header parsed));
        Assert.Equal(24, parsed.HeaderLength);
        Assert.Equal(0, parsed.PayloadLength);
    }

    [Fact]
    public void DetectsEveryFlippedBitOfTheHeaderAsAnError()
    {
        byte[] good = Packet(KnownHeader, 0x73 - 20);
        for (int bit = 0; bit < 160; bit++)
        {
            byte[] bad = (byte[])good.Clone();
            bad[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(Ipv4Status.Ok, Ipv4Header.TryParse(bad, out _));
        }
    }

    [Theory]
    [InlineData(0x2000, Ipv4Status.Fragment)] // more fragments
    [InlineData(0x0001, Ipv4Status.Fragment)] // offset 8
    [InlineData(0x4000, Ipv4Status.Ok)] // don't fragment only
    public void DropsFragments(int flagsAndOffset, Ipv4Status expected)
    {
        byte[] packet = Packet(KnownHeader, 0x73 - 20);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), (ushort)flagsAndOffset);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), 0);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), ReferenceChecksum.Compute(packet.AsSpan(0, 20)));
        Assert.Equal(expected, Ipv4Header.TryParse(packet, out _));
    }

    [Theory]
    [InlineData("4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8", 0, Ipv4Status.Truncated)]
    [InlineData("6500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7", 0x5f, Ipv4Status.BadVersion)]
    [InlineData("4400 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7", 0x5f, Ipv4Status.BadHeaderLength)]
    [InlineData("4f00 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7", 0, Ipv4Status.Truncated)]
    [InlineData("4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7", 0x10, Ipv4Status.BadTotalLength)]
    [InlineData("4500 0010 0000 4000 4011 b861 c0a8 0001 c0a8 00c7", 0, Ipv4Status.BadTotalLength)]
    [InlineData("4500 0073 0000 4000 4011 b862 c0a8 0001 c0a8 00c7", 0x5f, Ipv4Status.BadChecksum)]
    public void RejectsMalformedHeaders(string header, int payload, Ipv4Status expected)
    {
        Assert.Equal(expected, Ipv4Header.TryParse(Packet(header, payload), out _));
    }
}
