using Minnow.Net.Tests.Support;
using Minnow.Net.Wire;

namespace Minnow.Net.Tests.Wire;

public class IcmpMessageTests
{
    // Echo request, id 1, seq 1, data "abcd". Checksum by hand: 0800+0001+0001+6162+6364 = ccc8, ~ = 3337.
    private const string EchoRequest = "0800 3337 0001 0001 61626364";

    [Fact]
    public void WritesEchoRequestByteExact()
    {
        byte[] message = new byte[12];
        "abcd"u8.CopyTo(message.AsSpan(8));
        IcmpMessage.Write(message, IcmpMessage.EchoRequest, 0, 1, 1);
        Assert.Equal(Hex.Of(Hex.Bytes(EchoRequest)), Hex.Of(message));
    }

    [Fact]
    public void ParsesEchoRequest()
    {
        Assert.Equal(IcmpStatus.Ok, IcmpMessage.TryParse(Hex.Bytes(EchoRequest), out IcmpMessage icmp));
        Assert.Equal(IcmpMessage.EchoRequest, icmp.Type);
        Assert.Equal(1, icmp.Identifier);
        Assert.Equal(1, icmp.Sequence);
    }

    [Fact]
    public void RejectsBadChecksumAndTruncation()
    {
        Assert.Equal(IcmpStatus.BadChecksum, IcmpMessage.TryParse(Hex.Bytes("0800 3337 0001 0001 61626365"), out _));
        Assert.Equal(IcmpStatus.Truncated, IcmpMessage.TryParse(Hex.Bytes("0800 3337 0001"), out _));
    }
}
